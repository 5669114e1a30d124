// Transport set-up shared by the room page (session.js) and the
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
