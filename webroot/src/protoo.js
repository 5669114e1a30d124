// A small protoo peer over SockJS.
//
// protoo messages are JSON text frames of three kinds:
//   request      {request:true, id, method, data}
//   response     {response:true, id, ok:true, data}
//                {response:true, id, ok:false, errorCode, errorReason}
//   notification {notification:true, method, data}
// Both sides send requests: the server later asks the client to consume media
// (e.g. `newConsumer`), so incoming requests go to an async handler whose result
// becomes the response.

import SockJS from 'sockjs-client';

// Well under the server's default idle timeout (30 s).
const HEARTBEAT_MS = 10000;

/** Error of a failed request: the server's errorCode/errorReason, or a local code. */
export class ProtooError extends Error {
  constructor(errorCode, errorReason) {
    super(`${errorReason} (${errorCode})`);
    this.name = 'ProtooError';
    this.errorCode = errorCode;
    this.errorReason = errorReason;
  }

  toJSON() {
    return { errorCode: this.errorCode, errorReason: this.errorReason };
  }
}

/** Local error codes, used where no server response exists. */
export const ErrorCodes = Object.freeze({
  TIMEOUT: 'TIMEOUT',
  CLOSED: 'CLOSED',
  NOT_CONNECTED: 'NOT_CONNECTED',
});

// SockJS readyState values (same as WebSocket).
const OPEN = 1;

export class ProtooPeer {
  /**
   * @param {string} url SockJS endpoint including query, e.g. '/sockjs?peerId=a&roomId=r'
   * @param {object} [options]
   * @param {number} [options.requestTimeoutMs=10000] how long request() waits for a response
   * @param {(url: string) => object} [options.createSocket] WebSocket-like factory (SockJS by default)
   */
  constructor(url, { requestTimeoutMs = 10000, createSocket } = {}) {
    this.url = url;
    this.requestTimeoutMs = requestTimeoutMs;
    this._createSocket = createSocket || ((u) => new SockJS(u));
    this._socket = null;
    this._listeners = new Map();
    // id -> {resolve, reject, timer, method}
    this._pending = new Map();
    this._nextId = Math.floor(Math.random() * 1e6) + 1;
    this._requestHandler = null;
  }

  get connected() {
    return this._socket !== null && this._socket.readyState === OPEN;
  }

  /**
   * Opens the socket; resolves once open. Can be called again after a 'close'
   * event, which is how a reconnect reuses the listeners and request handler.
   */
  connect() {
    if (this._socket) return Promise.reject(new Error('already connected or connecting'));
    return new Promise((resolve, reject) => {
      const socket = this._createSocket(this.url);
      this._socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        this._startHeartbeat(socket);
        this._emit('open');
        resolve();
      };
      socket.onmessage = (event) => this._onMessage(event.data);
      socket.onclose = (event) => {
        if (this._socket === socket) this._socket = null;
        this._failPending(ErrorCodes.CLOSED, 'connection closed');
        const info = { code: event.code, reason: event.reason, wasClean: !!event.wasClean };
        if (!opened) reject(new ProtooError(ErrorCodes.CLOSED, `could not connect: ${event.code} ${event.reason}`));
        this._emit('close', info);
      };
    });
  }

  // SockJS has no ping: a heartbeat notification now and then tells the server
  // this client is alive, so that it may close connections that fall silent.
  _startHeartbeat(socket) {
    const timer = setInterval(() => {
      if (this._socket === socket && this.connected) this.notify('heartbeat');
      else clearInterval(timer);
    }, HEARTBEAT_MS);
    // Never keeps a Node.js process (the unit tests) alive by itself.
    if (timer.unref) timer.unref();
  }

  close() {
    const socket = this._socket;
    if (!socket) return;
    // onclose still fires and rejects what is pending.
    socket.close();
  }

  /** Sends a request; resolves with the response data or rejects with a ProtooError. */
  request(method, data = {}) {
    if (!this.connected) {
      return Promise.reject(new ProtooError(ErrorCodes.NOT_CONNECTED, `cannot send ${method}: not connected`));
    }
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(new ProtooError(ErrorCodes.TIMEOUT, `${method} timed out after ${this.requestTimeoutMs} ms`));
      }, this.requestTimeoutMs);
      this._pending.set(id, { resolve, reject, timer, method });
      this._send({ request: true, id, method, data });
    });
  }

  /** Sends a notification (no response expected). */
  notify(method, data = {}) {
    if (!this.connected) return;
    this._send({ notification: true, method, data });
  }

  /**
   * Sets the handler for requests from the server: `async (method, data) => responseData`.
   * A thrown ProtooError keeps its errorCode/errorReason; any other error becomes 500.
   */
  setRequestHandler(handler) {
    this._requestHandler = handler;
  }

  /**
   * Events: 'open', 'close' ({code, reason, wasClean}), 'notification' ({method, data}),
   * and 'notification:<method>' (data) for one method.
   */
  on(event, listener) {
    if (!this._listeners.has(event)) this._listeners.set(event, new Set());
    this._listeners.get(event).add(listener);
    return () => this._listeners.get(event).delete(listener);
  }

  _emit(event, arg) {
    const set = this._listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(arg);
      } catch (err) {
        // One failing listener must not starve the others or the socket loop.
        console.error(`protoo listener for ${event} failed`, err);
      }
    }
  }

  _send(message) {
    this._socket.send(JSON.stringify(message));
  }

  _onMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (err) {
      console.error('protoo: ignoring non-JSON frame', err);
      return;
    }
    if (message === null || typeof message !== 'object') {
      console.error('protoo: ignoring non-object frame', text);
      return;
    }
    if (message.response) this._onResponse(message);
    else if (message.request) this._onRequest(message);
    else if (message.notification) {
      this._emit('notification', { method: message.method, data: message.data });
      this._emit(`notification:${message.method}`, message.data);
    } else {
      console.error('protoo: ignoring unknown message', message);
    }
  }

  _onResponse(message) {
    const pending = this._pending.get(message.id);
    if (!pending) return; // late response after a timeout
    this._pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.data === undefined ? {} : message.data);
    else pending.reject(new ProtooError(message.errorCode, message.errorReason));
  }

  async _onRequest(message) {
    const { id, method, data } = message;
    let response;
    try {
      if (!this._requestHandler) throw new ProtooError(501, `no handler for ${method}`);
      const result = await this._requestHandler(method, data);
      response = { response: true, id, ok: true, data: result === undefined ? {} : result };
    } catch (err) {
      const errorCode = err instanceof ProtooError ? err.errorCode : 500;
      const errorReason = err instanceof ProtooError ? err.errorReason : String(err && err.message ? err.message : err);
      response = { response: true, id, ok: false, errorCode, errorReason };
    }
    // The socket may have closed while the handler ran; the server then has nobody to answer.
    if (this.connected) this._send(response);
  }

  _failPending(errorCode, errorReason) {
    for (const [id, pending] of this._pending) {
      clearTimeout(pending.timer);
      pending.reject(new ProtooError(errorCode, `${pending.method}: ${errorReason}`));
      this._pending.delete(id);
    }
  }
}
