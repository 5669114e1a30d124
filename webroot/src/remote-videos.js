// The other peers' media on the page: one <video> per remote peer, playing one
// MediaStream with all the tracks received from that peer (audio included, so
// lip sync holds and no separate <audio> is needed). The first peer takes the
// page's #other-video; later ones get new elements in #remote-videos. Each
// element carries data-peer-id.

export class RemoteVideos {
  constructor(doc) {
    this._doc = doc;
    this._container = doc.getElementById('remote-videos');
    this._primary = doc.getElementById('other-video');
    // peerId -> {element, tracks: Set<MediaStreamTrack>}
    this._views = new Map();
    this._unmuteArmed = false;
  }

  addTrack(peerId, track) {
    let view = this._views.get(peerId);
    if (!view) {
      view = { element: this._takeElement(peerId), tracks: new Set() };
      this._views.set(peerId, view);
    }
    view.tracks.add(track);
    this._show(view);
  }

  /** Takes a track away; the element stays until removePeer (more tracks may come). */
  removeTrack(peerId, track) {
    const view = this._views.get(peerId);
    if (!view || !view.tracks.delete(track)) return;
    this._show(view);
  }

  removePeer(peerId) {
    const view = this._views.get(peerId);
    if (!view) return;
    this._views.delete(peerId);
    const { element } = view;
    element.srcObject = null;
    if (element === this._primary) {
      // #other-video stays on the page, free for the next peer.
      delete element.dataset.peerId;
      element.removeAttribute('title');
    } else {
      element.remove();
    }
  }

  clear() {
    for (const peerId of [...this._views.keys()]) this.removePeer(peerId);
  }

  setTitle(peerId, title) {
    const view = this._views.get(peerId);
    if (view) view.element.title = title;
  }

  _takeElement(peerId) {
    let element = this._primary;
    if (!element || element.dataset.peerId) {
      element = this._doc.createElement('video');
      element.autoplay = true;
      element.playsInline = true;
      this._container.appendChild(element);
    }
    element.dataset.peerId = peerId;
    element.title = peerId;
    return element;
  }

  // A fresh MediaStream per change: Chrome does not reliably start rendering a
  // video track added to a stream that is already playing.
  _show(view) {
    const { element, tracks } = view;
    element.srcObject = tracks.size ? new MediaStream([...tracks]) : null;
    if (!tracks.size) return;
    element.play().catch((err) => {
      // AbortError only means a newer srcObject replaced this one.
      if (err && err.name === 'NotAllowedError') this._playMuted(element);
    });
  }

  // Browsers refuse unmuted autoplay before the user touched the page: play
  // muted for now and unmute everything at the first click or key press.
  _playMuted(element) {
    if (!element.srcObject) return;
    element.muted = true;
    element.play().catch(() => {});
    if (this._unmuteArmed) return;
    this._unmuteArmed = true;
    const unmute = () => {
      this._unmuteArmed = false;
      for (const { element: e } of this._views.values()) e.muted = false;
    };
    this._doc.addEventListener('click', unmute, { once: true });
    this._doc.addEventListener('keydown', unmute, { once: true });
  }
}
