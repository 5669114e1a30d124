package io.stockpot.media.dtls;

import java.util.List;

/** What the BouncyCastle peer objects of one transport need to know. */
record DtlsPeerSettings(
    DtlsCertificate certificate,
    List<DtlsFingerprint> remoteFingerprints,
    int[] srtpProfiles,
    int handshakeTimeoutMillis) {}
