// How long to wait before reconnecting after the signaling connection drops.

/**
 * Exponential backoff with jitter: attempt 0 waits about `baseMs`, each further
 * attempt doubles up to `maxMs`; the wait is spread over [50%, 100%] of that so
 * that many pages dropped by one server restart do not come back in lockstep.
 */
export function reconnectDelay(attempt, { baseMs = 1000, maxMs = 15000, random = Math.random } = {}) {
  const exponent = Math.min(Math.max(0, attempt), 16);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
