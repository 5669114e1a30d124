// One life of the signaling connection, in mediasoup-demo's order: load the
// Device, create the receive transport (so consumers can arrive right after
// joining), join, create the send transport, produce microphone and camera.
// The server creates consumers with `newConsumer` requests and reports on them
// with notifications. When the connection closes everything here is torn down;
// a reconnect starts a new Session.
//
// Within one connection the room may move to another media node (its node
// failed or is draining): the server says `roomMoved`, and the session tears
// down its transports, producers and consumers and joins again over the same
// connection. Each such join is one "generation"; steps of an older one stop.

import { Device } from 'mediasoup-client';
import { ProtooPeer, ProtooError } from './protoo.js';
import { ConsumerBook } from './consumer-book.js';
import { AUDIO_CODEC_OPTIONS, VIDEO_CODEC_OPTIONS, pickCodec, videoEncodings } from './codecs.js';
import { recvStatsFromReport, sendStatsFromReport } from './stats.js';
import { ConsumerSetups, createTransport } from './transports.js';

export class Session {
  /**
   * @param {object} options
   * @param {string} options.url SockJS endpoint with peerId and roomId
   * @param {object} options.me {displayName, device}
   * @param {Promise<MediaStream|null>} options.localMedia tracks to produce (kept across sessions)
   * @param {object} options.ui page callbacks: setPeers, addPeer, removePeer, renamePeer,
   *     remoteVideos (a RemoteVideos), changed(), joined(), mediaFailed(context, err)
   * @param {(url: string) => object} [options.createSocket] WebSocket-like factory (SockJS by default)
   * @param {number} [options.simulcastLayers] camera layers (1: no simulcast), see videoEncodings
   */
  constructor({ url, me, localMedia, ui, createSocket, simulcastLayers = 1 }) {
    this._me = me;
    this._simulcastLayers = simulcastLayers;
    this._localMedia = localMedia;
    this._ui = ui;
    this._protoo = new ProtooPeer(url, { createSocket });
    this._device = null;
    this.sendTransport = null;
    this.recvTransport = null;
    this.producers = { audio: null, video: null };
    this.consumers = new ConsumerBook();
    // Consumers between `newConsumer` and consume() resolving.
    this._consumerSetups = new ConsumerSetups();
    // Scores by producer id, as the server reports them.
    this.producerScores = {};
    this.transportStates = { send: null, recv: null };
    // {code, reason} from the server's last word before it closes the connection.
    this.sessionClosed = null;
    this.isClosed = false;
    // How often the room moved under this connection, and the last move's data.
    this.roomMoves = 0;
    this.lastRoomMove = null;
    this._generation = 0;

    this._protoo.setRequestHandler((method, data) => this._onRequest(method, data));
    this._protoo.on('notification', ({ method, data }) => this._onNotification(method, data || {}));
    /** Resolves with {code, reason, wasClean, sessionClosed} once the connection is gone. */
    this.closed = new Promise((resolve) => {
      this._protoo.on('close', (info) => {
        this._teardown();
        resolve({ ...info, sessionClosed: this.sessionClosed });
      });
    });
  }

  /**
   * Connects, joins and starts media. Rejects if connecting or joining fails;
   * media failures after that are reported through ui.mediaFailed and the
   * session stays joined for presence.
   */
  async start() {
    await this._protoo.connect();
    const routerRtpCapabilities = await this._protoo.request('getRouterRtpCapabilities');
    this._alive();
    this._device = new Device();
    await this._device.load({ routerRtpCapabilities });
    this._alive();
    try {
      await this._joinRoom(this._generation);
    } catch (err) {
      // The room moved while joining: _onRoomMoved has taken over.
      if (!(err instanceof ProtooError && err.errorCode === 'MOVED')) throw err;
    }
  }

  // Transports, join, produce: everything the room holds for this peer, which
  // a moved room has lost. Every router uses the same capabilities, so the
  // loaded Device stays valid.
  async _joinRoom(generation) {
    if (generation > 0) {
      // A rejoin without a receive transport would stay silent: fail it, so that it is retried.
      await this._createRecvTransport(generation);
    } else {
      await this._guardMedia('createRecvTransport', () => this._createRecvTransport(generation), generation);
    }
    const { peers } = await this._protoo.request('join', {
      displayName: this._me.displayName,
      device: this._me.device,
      rtpCapabilities: this._device.rtpCapabilities,
    });
    this._current(generation);
    this._ui.setPeers(peers || []);
    this._ui.joined();

    await this._guardMedia('createSendTransport', () => this._createSendTransport(generation), generation);
    if (!this.sendTransport) return;
    const stream = await this._localMedia;
    this._current(generation);
    if (!stream) return; // getUserMedia failed; already reported
    const audio = stream.getAudioTracks()[0];
    const video = stream.getVideoTracks()[0];
    if (audio) await this._guardMedia('produce audio', () => this._produceAudio(audio, generation), generation);
    if (video) await this._guardMedia('produce video', () => this._produceVideo(video, generation), generation);
  }

  // The room moved: drop this generation's media and join again. A join that
  // fails (the room is being placed again) is retried a few times; after that
  // the connection is closed, and the page reconnects from scratch.
  async _onRoomMoved(data) {
    this.roomMoves += 1;
    this.lastRoomMove = { ...data, at: Date.now() };
    this._generation += 1;
    const generation = this._generation;
    this._teardownMedia();
    this._ui.roomMoved(data);
    for (let attempt = 0; ; attempt++) {
      try {
        await this._joinRoom(generation);
        return;
      } catch (err) {
        if (this.isClosed || generation !== this._generation) return;
        if (attempt >= 3) {
          this._ui.mediaFailed('rejoin after roomMoved', err);
          this.close();
          return;
        }
        this._teardownMedia();
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        if (this.isClosed || generation !== this._generation) return;
      }
    }
  }

  close() {
    // The 'close' event follows and tears down.
    this._protoo.close();
  }

  request(method, data) {
    return this._protoo.request(method, data);
  }

  async sendStats() {
    const report = this.sendTransport && !this.sendTransport.closed ? await this.sendTransport.getStats() : null;
    return sendStatsFromReport(report);
  }

  async recvStats() {
    const entries = this.consumers.entries().filter(({ handle }) => !handle.closed);
    return Promise.all(
      entries.map(async ({ info, handle }) => ({
        id: info.id,
        peerId: info.peerId,
        kind: info.kind,
        ...recvStatsFromReport(await handle.getStats()),
      })),
    );
  }

  // Throws once the connection is gone, to stop start() between its steps.
  _alive() {
    if (this.isClosed) throw new ProtooError('CLOSED', 'connection closed');
  }

  // Throws once the connection is gone or the room moved since `generation`.
  _current(generation) {
    this._alive();
    if (generation !== this._generation) throw new ProtooError('MOVED', 'the room moved');
  }

  async _guardMedia(context, step, generation) {
    try {
      await step();
    } catch (err) {
      // A failure caused by the closing connection or a room move is no media failure.
      this._current(generation);
      this._ui.mediaFailed(context, err);
    }
  }

  async _createTransport(direction, generation) {
    const transport = await createTransport({
      request: (method, data) => this._protoo.request(method, data),
      device: this._device,
      direction,
      requestData: { sctpCapabilities: false },
      transportOptions: { iceTransportPolicy: 'all' },
      check: () => this._current(generation),
    });
    transport.on('connectionstatechange', (connectionState) => {
      this.transportStates[direction] = connectionState;
      this._ui.changed();
    });
    return transport;
  }

  async _createRecvTransport(generation) {
    this.recvTransport = await this._createTransport('recv', generation);
    this._ui.changed();
  }

  async _createSendTransport(generation) {
    const transport = await this._createTransport('send', generation);
    this.sendTransport = transport;
    this._ui.changed();
  }

  async _produceAudio(track, generation) {
    if (!this._device.canProduce('audio')) throw new Error('the router cannot receive audio from this browser');
    await this._produce('audio', {
      track,
      codecOptions: { ...AUDIO_CODEC_OPTIONS },
      appData: { source: 'mic' },
    }, generation);
  }

  async _produceVideo(track, generation) {
    if (!this._device.canProduce('video')) throw new Error('the router cannot receive video from this browser');
    await this._produce('video', {
      track,
      encodings: videoEncodings(this._simulcastLayers),
      codecOptions: { ...VIDEO_CODEC_OPTIONS },
      codec: pickCodec(this._device.rtpCapabilities, 'video/VP8'),
      appData: { source: 'webcam' },
    }, generation);
  }

  async _produce(kind, options, generation) {
    // The local tracks outlive this session: a reconnect produces them again.
    const producer = await this.sendTransport.produce({ ...options, stopTracks: false });
    if (this.isClosed || generation !== this._generation) {
      producer.close();
      this._current(generation);
    }
    this.producers[kind] = producer;
    const forget = () => {
      if (this.producers[kind] === producer) this.producers[kind] = null;
      this._ui.changed();
    };
    producer.on('transportclose', forget);
    producer.on('trackended', () => this._ui.mediaFailed(`${kind} track`, new Error('the local track ended')));
    this._ui.changed();
  }

  async _onRequest(method, data) {
    switch (method) {
      case 'newConsumer':
        return this._newConsumer(data || {});
      default:
        throw new ProtooError(501, `unsupported request: ${method}`);
    }
  }

  // The server created the consumer paused; it resumes it itself once this
  // request is answered, so nothing else is asked of the client.
  async _newConsumer({ peerId, producerId, id, kind, rtpParameters, appData, producerPaused }) {
    if (!this.recvTransport || this.recvTransport.closed) throw new ProtooError(503, 'no receive transport');
    const consumer = await this._consumerSetups.consume(this.recvTransport, {
      peerId,
      producerId,
      id,
      kind,
      rtpParameters,
      appData,
    });
    // The server closed it during set-up (or the room went away): it is already closed.
    if (!consumer) return {};
    this.consumers.add({ id: consumer.id, peerId, kind, producerId, paused: producerPaused }, consumer);
    consumer.on('transportclose', () => this._removeConsumer(consumer.id));
    this._ui.remoteVideos.addTrack(peerId, consumer.track);
    this._ui.changed();
    return {};
  }

  _removeConsumer(consumerId) {
    if (this._consumerSetups.closed(consumerId)) return;
    const removed = this.consumers.remove(consumerId);
    if (!removed) return;
    const { info, handle, peerEmpty } = removed;
    const track = handle.track;
    if (!handle.closed) handle.close();
    this._ui.remoteVideos.removeTrack(info.peerId, track);
    if (peerEmpty) this._ui.remoteVideos.removePeer(info.peerId);
    this._ui.changed();
  }

  _removePeerMedia(peerId) {
    this._consumerSetups.peerClosed(peerId);
    for (const { handle } of this.consumers.removePeer(peerId)) {
      if (!handle.closed) handle.close();
    }
    this._ui.remoteVideos.removePeer(peerId);
    this._ui.changed();
  }

  _onNotification(method, data) {
    switch (method) {
      case 'newPeer':
        this._ui.addPeer(data);
        break;
      case 'peerClosed':
        this._removePeerMedia(data.peerId);
        this._ui.removePeer(data.peerId);
        break;
      case 'peerDisplayNameChanged':
        this._ui.renamePeer(data.peerId, data.displayName);
        break;
      case 'consumerClosed':
        this._removeConsumer(data.consumerId);
        break;
      case 'consumerPaused':
      case 'consumerResumed':
        if (this.consumers.setPaused(data.consumerId, method === 'consumerPaused')) this._ui.changed();
        break;
      case 'consumerScore':
        if (this.consumers.setScore(data.consumerId, data.score)) this._ui.changed();
        break;
      case 'producerScore':
        this.producerScores[data.producerId] = data.score;
        this._ui.changed();
        break;
      case 'sessionClosed':
        this.sessionClosed = { code: data.code, reason: data.reason };
        break;
      case 'roomMoved':
        this._onRoomMoved(data);
        break;
      default:
        // activeSpeaker, downlinkBwe, consumerLayersChanged...: nothing to show yet.
        break;
    }
  }

  _teardown() {
    if (this.isClosed) return;
    this.isClosed = true;
    this._teardownMedia();
  }

  _teardownMedia() {
    this._consumerSetups.clear();
    // Closing a transport closes its producers and consumers ('transportclose').
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (transport && !transport.closed) transport.close();
    }
    this.sendTransport = null;
    this.recvTransport = null;
    for (const { handle } of this.consumers.clear()) {
      if (!handle.closed) handle.close();
    }
    this.producers = { audio: null, video: null };
    this.producerScores = {};
    this.transportStates = { send: null, recv: null };
    this._ui.remoteVideos.clear();
    this._ui.changed();
  }
}
