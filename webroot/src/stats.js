// Reads the numbers tests and the page care about out of WebRTC stats reports.
//
// An RTCStatsReport is a Map from stats id to a plain stats object, so these
// functions take anything with `values()` and `get(id)` and stay testable
// without a browser.

function entries(report) {
  return report && typeof report.values === 'function' ? [...report.values()] : [];
}

// Chrome names the media kind `kind`; older versions used `mediaType`.
function kindOf(stats) {
  return stats.kind || stats.mediaType;
}

function num(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * The estimate of the sending bandwidth in bits per second, or null: from the
 * candidate pair the transport says it uses, else a nominated or selected pair
 * that succeeded.
 */
export function availableOutgoingBitrate(report) {
  const all = entries(report);
  const pairById = (id) => (id && typeof report.get === 'function' ? report.get(id) : undefined);
  let pair;
  for (const stats of all) {
    if (stats.type === 'transport' && stats.selectedCandidatePairId) {
      pair = pairById(stats.selectedCandidatePairId);
      if (pair) break;
    }
  }
  if (!pair) {
    pair = all.find(
      (s) => s.type === 'candidate-pair' && (s.nominated || s.selected) && s.state === 'succeeded',
    );
  }
  if (!pair) pair = all.find((s) => s.type === 'candidate-pair' && (s.nominated || s.selected));
  return pair && typeof pair.availableOutgoingBitrate === 'number' ? pair.availableOutgoingBitrate : null;
}

/**
 * Sums the `outbound-rtp` entries per kind (several with simulcast) and adds
 * the bandwidth estimate: {audio:{packetsSent, bytesSent}, video:{packetsSent,
 * bytesSent, framesEncoded, layers}, availableOutgoingBitrate}. `layers` lists
 * each video encoding as sent (rid, frameWidth, framesPerSecond, bytesSent,
 * qualityLimitationReason), to see whether the browser dropped a simulcast layer.
 */
export function sendStatsFromReport(report) {
  const result = {
    audio: { packetsSent: 0, bytesSent: 0 },
    video: { packetsSent: 0, bytesSent: 0, framesEncoded: 0, layers: [] },
    availableOutgoingBitrate: availableOutgoingBitrate(report),
  };
  for (const stats of entries(report)) {
    if (stats.type !== 'outbound-rtp') continue;
    const kind = kindOf(stats);
    const target = result[kind];
    if (!target) continue;
    target.packetsSent += num(stats.packetsSent);
    target.bytesSent += num(stats.bytesSent);
    if (kind === 'video') {
      target.framesEncoded += num(stats.framesEncoded);
      target.layers.push({
        rid: stats.rid || null,
        frameWidth: num(stats.frameWidth),
        framesPerSecond: num(stats.framesPerSecond),
        bytesSent: num(stats.bytesSent),
        qualityLimitationReason: stats.qualityLimitationReason || null,
      });
    }
  }
  return result;
}

/**
 * The receive numbers of one consumer from its `inbound-rtp` entries (one in
 * practice; summed to be safe). Fields a kind lacks, like framesDecoded for
 * audio, read 0.
 */
export function recvStatsFromReport(report) {
  const result = {
    packetsReceived: 0,
    bytesReceived: 0,
    framesDecoded: 0,
    nackCount: 0,
    freezeCount: 0,
    totalFreezesDuration: 0,
    jitterBufferDelay: 0,
  };
  for (const stats of entries(report)) {
    if (stats.type !== 'inbound-rtp') continue;
    for (const key of Object.keys(result)) result[key] += num(stats[key]);
  }
  return result;
}
