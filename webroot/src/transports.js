// Transport and consumer set-up shared by the room page (session.js) and the
// mediasoup-demo-style client (demo.js). Both speak mediasoup-demo's protoo
// methods: createWebRtcTransport, then the mediasoup-client transport answers
// its 'connect' with connectWebRtcTransport and, when sending, its 'produce'
// with produce. Each page passes its own protoo request function and the
// request fields it sends, so each keeps its exact wire format.

/**
 * Asks the server for a WebRTC transport and creates the browser's side of it.
 *
 * @param {object} o
 * @param {(method: string, data?: object) => Promise<any>} o.request a protoo request
 * @param {object} o.device a loaded mediasoup-client Device
 * @param {'send'|'recv'} o.direction
 * @param {object} [o.requestData] more createWebRtcTransport fields (e.g. sctpCapabilities)
 * @param {object} [o.transportOptions] more createSendTransport/createRecvTransport options
 * @param {() => void} [o.check] called once the server answered, before the browser transport
 *     exists; it throws to stop (the page closed or moved on meanwhile)
 * @returns {Promise<object>} the mediasoup-client Transport
 */
export async function createTransport({ request, device, direction, requestData = {}, transportOptions = {}, check }) {
  const producing = direction === 'send';
  const info = await request('createWebRtcTransport', {
    forceTcp: false,
    producing,
    consuming: !producing,
    ...requestData,
  });
  if (check) check();
  const options = {
    id: info.id,
    iceParameters: info.iceParameters,
    iceCandidates: info.iceCandidates,
    dtlsParameters: info.dtlsParameters,
    sctpParameters: info.sctpParameters || undefined,
    iceServers: [],
    ...transportOptions,
  };
  const transport = producing ? device.createSendTransport(options) : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  if (producing) {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      request('produce', { transportId: transport.id, kind, rtpParameters, appData }).then(
        ({ id }) => callback({ id }),
        errback,
      );
    });
  }
  return transport;
}

/**
 * The consumers a page is still setting up: between the server's `newConsumer`
 * request and `recvTransport.consume()` resolving, a `consumerClosed` finds no
 * consumer to close. This remembers it, so that the consumer is closed as soon
 * as it exists and never shown: the page ends in the server's state whatever
 * the order.
 */
export class ConsumerSetups {
  constructor() {
    // consumer id -> {closed}
    this._pending = new Map();
  }

  /**
   * Creates the consumer of a `newConsumer` request's data.
   *
   * @returns {Promise<object|null>} the Consumer, or null when the server closed it during set-up
   *     (it is closed here then)
   */
  async consume(recvTransport, { peerId, producerId, id, kind, rtpParameters, appData }) {
    const setup = { closed: false, peerId };
    this._pending.set(id, setup);
    let consumer;
    try {
      consumer = await recvTransport.consume({
        id,
        producerId,
        kind,
        rtpParameters,
        // One stream id per peer lets the browser sync its audio and video.
        streamId: `${peerId}-mic-webcam`,
        appData: { ...appData, peerId },
      });
    } finally {
      this._pending.delete(id);
    }
    if (setup.closed) {
      if (!consumer.closed) consumer.close();
      return null;
    }
    return consumer;
  }

  /** A `consumerClosed` for `consumerId`: returns whether it was still being set up. */
  closed(consumerId) {
    const setup = this._pending.get(consumerId);
    if (setup) setup.closed = true;
    return !!setup;
  }

  /** A `peerClosed`: every consumer of that peer still being set up is void. */
  peerClosed(peerId) {
    for (const setup of this._pending.values()) {
      if (setup.peerId === peerId) setup.closed = true;
    }
  }

  /** Everything being set up is void (the connection or the room went away). */
  clear() {
    for (const setup of this._pending.values()) setup.closed = true;
    this._pending.clear();
  }
}
