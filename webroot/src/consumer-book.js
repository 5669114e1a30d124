// Bookkeeping of the consumers of one session: what each one receives, from
// whom, and whether the server paused it. Knows nothing of mediasoup-client or
// the page, so the rules (when is a peer left without media) can be unit-tested.

export class ConsumerBook {
  constructor() {
    // id -> {info: {id, peerId, kind, producerId, paused, score}, handle}
    this._byId = new Map();
  }

  get size() {
    return this._byId.size;
  }

  /** Adds a consumer; `handle` is whatever the caller needs back on removal (the Consumer). */
  add({ id, peerId, kind, producerId, paused = false }, handle) {
    // addedAt (ms since the epoch): when the browser accepted it, so tests can time the first frame.
    const info = { id, peerId, kind, producerId, paused: !!paused, score: null, addedAt: Date.now() };
    this._byId.set(id, { info, handle });
    return info;
  }

  handle(id) {
    const entry = this._byId.get(id);
    return entry ? entry.handle : undefined;
  }

  info(id) {
    const entry = this._byId.get(id);
    return entry ? entry.info : undefined;
  }

  /** Returns whether the consumer exists. */
  setPaused(id, paused) {
    const entry = this._byId.get(id);
    if (entry) entry.info.paused = !!paused;
    return !!entry;
  }

  /** Stores the server's score ({score, producerScore, ...}) as given. */
  setScore(id, score) {
    const entry = this._byId.get(id);
    if (entry) entry.info.score = score;
    return !!entry;
  }

  /**
   * Removes one consumer: {info, handle, peerEmpty} where peerEmpty says its
   * peer has no consumers left; null if unknown (already removed).
   */
  remove(id) {
    const entry = this._byId.get(id);
    if (!entry) return null;
    this._byId.delete(id);
    const peerId = entry.info.peerId;
    const peerEmpty = ![...this._byId.values()].some((e) => e.info.peerId === peerId);
    return { info: entry.info, handle: entry.handle, peerEmpty };
  }

  /** Removes all consumers of a peer; returns them as [{info, handle}]. */
  removePeer(peerId) {
    const removed = [];
    for (const [id, entry] of this._byId) {
      if (entry.info.peerId !== peerId) continue;
      this._byId.delete(id);
      removed.push(entry);
    }
    return removed;
  }

  /** Removes everything; returns it as [{info, handle}]. */
  clear() {
    const removed = [...this._byId.values()];
    this._byId.clear();
    return removed;
  }

  /** Plain copies of the infos, in arrival order. */
  list() {
    return [...this._byId.values()].map(({ info }) => ({ ...info }));
  }

  entries() {
    return [...this._byId.values()];
  }
}
