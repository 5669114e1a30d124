/**
 * Send-side bandwidth estimation toward one transport, the Google congestion control family that
 * libwebrtc and mediasoup use (draft-ietf-rmcat-gcc-02): every RTP packet a transport sends with
 * the transport-wide sequence number element gets the transport's own next number and a place in
 * its send history ({@link io.stockpot.media.bwe.TransportCongestionControlClient}, mediasoup's
 * class of that name); transport-cc feedback from the browser matches arrivals to sends, and {@link
 * io.stockpot.media.bwe.SendSideBandwidthEstimator} turns them into the available outgoing bitrate:
 * the delay-based estimate ({@link io.stockpot.media.bwe.InterArrival}, {@link
 * io.stockpot.media.bwe.TrendlineEstimator}, {@link io.stockpot.media.bwe.OveruseDetector}, {@link
 * io.stockpot.media.bwe.AimdRateControl}) capped by the loss-based one. No Vert.x, no clock of its
 * own: every method takes the time (µs) from its caller, so tests run on simulated time.
 */
package io.stockpot.media.bwe;
