// Stockpot admin dashboard: listens to the nodes' one-second stats over the
// Vert.x event-bus bridge (/eventbus?token=…) and sends admin commands back.
//
// Test contract: `window.stockpotAdmin` holds plain state: status
// ('connecting' | 'live' | 'closed' | 'needs-token'), updates (stats messages
// received), nodes {nodeId: node stats}, media {nodeId: media stats}, rooms
// [{roomId, nodeId, peers, bitrateIn, bitrateOut, …}], selectedRoom, lastReply,
// lastError.

import EventBus from '@vertx/eventbus-bridge-client.js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import * as fmt from './admin-format.js';

const NODE_STATS = 'stockpot.stats.node';
const MEDIA_STATS = 'stockpot.stats.media';
const COMMANDS = 'stockpot.admin.commands';
const HISTORY_SECONDS = 300;
const STALE_MS = 5000;

const params = new URLSearchParams(window.location.search);
const state = {
  status: 'connecting',
  updates: 0,
  nodes: {},
  media: {},
  rooms: [],
  selectedRoom: params.get('room'),
  lastReply: null,
  lastError: null,
};
window.stockpotAdmin = state;

const $ = (id) => document.getElementById(id);
// Bitrate history: one sample per second for the cluster and for each room.
const history = { t: [], in: [], out: [], rooms: new Map() };
let eb = null;
let chart = null;

function token() {
  const fromUrl = params.get('token');
  if (fromUrl) sessionStorage.setItem('stockpot-admin-token', fromUrl);
  return fromUrl || sessionStorage.getItem('stockpot-admin-token');
}

function connect() {
  const t = token();
  if (!t) {
    setStatus('needs-token');
    return;
  }
  setStatus('connecting');
  const url = `${window.location.origin}/eventbus?token=${encodeURIComponent(t)}`;
  eb = new EventBus(url, { vertxbus_ping_interval: 5000 });
  let opened = false;
  eb.onopen = () => {
    opened = true;
    setStatus('live');
    eb.registerHandler(NODE_STATS, (err, msg) => !err && onNodeStats(msg.body));
    eb.registerHandler(MEDIA_STATS, (err, msg) => !err && onMediaStats(msg.body));
  };
  eb.onclose = () => {
    // Closed before it opened: the bridge refused the token.
    if (!opened) {
      sessionStorage.removeItem('stockpot-admin-token');
      setStatus('needs-token', 'token refused');
      return;
    }
    setStatus('closed');
    setTimeout(connect, 2000);
  };
  eb.onerror = (err) => {
    state.lastError = err && err.message ? err.message : String(err && err.body);
  };
}

function setStatus(status, text) {
  state.status = status;
  document.body.classList.toggle('needs-token', status === 'needs-token');
  const conn = $('conn');
  conn.textContent = text || { live: 'live', connecting: 'connecting', closed: 'reconnecting',
    'needs-token': 'token needed' }[status];
  conn.className = status === 'live' ? 'live' : text ? 'refused' : '';
}

function onNodeStats(stats) {
  state.nodes[stats.nodeId] = { ...stats, receivedAt: Date.now() };
  state.updates++;
}

function onMediaStats(stats) {
  state.media[stats.nodeId] = { ...stats, receivedAt: Date.now() };
  state.updates++;
}

// Once a second: drop nodes that went quiet, sample the bitrates, redraw.
function tick() {
  const now = Date.now();
  for (const map of [state.nodes, state.media]) {
    for (const [id, s] of Object.entries(map)) if (now - s.receivedAt > STALE_MS) delete map[id];
  }
  state.rooms = Object.values(state.media).flatMap((m) => m.rooms || []);
  state.rooms.sort((a, b) => a.roomId.localeCompare(b.roomId));
  sample(now / 1000);
  render();
}

function sample(t) {
  const push = (h, vin, vout) => {
    h.t.push(t);
    h.in.push(vin);
    h.out.push(vout);
    while (h.t.length > HISTORY_SECONDS) {
      h.t.shift();
      h.in.shift();
      h.out.shift();
    }
  };
  let totalIn = 0;
  let totalOut = 0;
  for (const room of state.rooms) {
    totalIn += room.bitrateIn || 0;
    totalOut += room.bitrateOut || 0;
    if (!history.rooms.has(room.roomId)) history.rooms.set(room.roomId, { t: [], in: [], out: [] });
    push(history.rooms.get(room.roomId), room.bitrateIn || 0, room.bitrateOut || 0);
  }
  for (const id of history.rooms.keys()) {
    if (!state.rooms.some((r) => r.roomId === id)) history.rooms.delete(id);
  }
  push(history, totalIn, totalOut);
}

function render() {
  const last = Math.max(0, ...Object.values(state.media).map((m) => m.receivedAt || 0),
    ...Object.values(state.nodes).map((m) => m.receivedAt || 0));
  $('updated').textContent = last ? `updated ${new Date(last).toLocaleTimeString()}` : '';
  renderMembers();
  renderRooms();
  renderEventBus();
  renderPeers();
  renderDrops();
  renderChart();
}

// The selected room's drops, else the whole cluster's.
function renderDrops() {
  const room = state.rooms.find((r) => r.roomId === state.selectedRoom);
  $('drops-title').textContent = room ? `room ${room.roomId}` : 'all rooms';
  fill('drops', fmt.dropRows(room ? [room] : state.rooms).map(([reason, n]) =>
    row([{ html: `<code>${esc(reason)}</code>` }, { num: n }])), 2, 'nothing dropped');
}

function row(cells, attrs = {}) {
  const tr = document.createElement('tr');
  for (const [k, v] of Object.entries(attrs)) tr.setAttribute(k, v);
  for (const c of cells) {
    const td = document.createElement('td');
    if (c && c.num !== undefined) {
      td.className = `num ${c.cls || ''}`;
      td.textContent = c.num;
    } else if (c instanceof Node) {
      td.append(c);
    } else if (c && c.html !== undefined) {
      td.className = c.cls || '';
      td.innerHTML = c.html;
    } else {
      td.textContent = c == null ? '–' : String(c);
    }
    tr.append(td);
  }
  return tr;
}

function fill(tbody, rows, cols, emptyText) {
  const el = $(tbody);
  el.replaceChildren(...rows);
  if (!rows.length) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td class="empty" colspan="${cols}">${emptyText}</td>`;
    el.append(tr);
  }
}

function button(label, onClick, danger) {
  const b = document.createElement('button');
  b.textContent = label;
  if (danger) b.className = 'danger';
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function renderMembers() {
  const ids = [...new Set([...Object.keys(state.nodes), ...Object.keys(state.media)])].sort();
  $('members-hint').textContent = `${ids.length} node${ids.length === 1 ? '' : 's'}`;
  fill('members', ids.map((id) => {
    const n = state.nodes[id] || {};
    const m = state.media[id];
    const rooms = m ? m.rooms.length : null;
    const peers = m ? m.rooms.reduce((s, r) => s + r.peers.length, 0) : null;
    let ports = '–';
    if (m) {
      const used = (m.portSlices - m.freePortSlices) * m.portsPerRoom;
      ports = `${used} of ${m.rtcPortMin}–${m.rtcPortMax}`;
    }
    const stateTag = m ? (m.draining ? '<span class="tag warn">draining</span>'
      : '<span class="tag ok">accepting</span>') : '';
    return row([
      { html: `<strong>${esc(id)}</strong>` },
      { html: (n.roles || []).map((r) => `<span class="tag">${esc(r)}</span>`).join('') },
      n.host,
      { num: fmt.duration(n.uptimeMs) },
      { num: fmt.percent(n.cpu) },
      { num: n.heapUsed != null ? `${fmt.bytes(n.heapUsed)} / ${fmt.bytes(n.heapMax)}` : '–' },
      { num: rooms ?? '–' },
      { num: peers ?? '–' },
      ports,
      { html: stateTag },
      m && !m.draining ? button('Drain', () => command({ action: 'drainNode', nodeId: id }), true)
        : '',
    ]);
  }), 11, 'no node has reported yet');
}

function renderRooms() {
  fill('rooms', state.rooms.map((r) => {
    const tr = row([
      { html: `<strong>${esc(r.roomId)}</strong>` },
      r.nodeId,
      { num: r.peers.length },
      { num: r.producers ?? 0 },
      { num: r.consumers ?? 0 },
      { num: fmt.bitrate(r.bitrateIn), cls: 'in' },
      { num: fmt.bitrate(r.bitrateOut), cls: 'out' },
      { num: fmt.loss(r.fractionLost) },
      { num: r.rtt != null ? `${r.rtt} ms` : '–' },
      { num: r.score ?? '–' },
      button('Close', () => command({ action: 'closeRoom', roomId: r.roomId }), true),
    ], { 'data-room': r.roomId });
    if (r.roomId === state.selectedRoom) tr.className = 'selected';
    tr.addEventListener('click', () => {
      state.selectedRoom = state.selectedRoom === r.roomId ? null : r.roomId;
      render();
    });
    return tr;
  }), 11, 'no rooms open');
}

function renderEventBus() {
  const rows = [];
  for (const id of Object.keys(state.nodes).sort()) {
    const families = state.nodes[id].eventBus || {};
    for (const [family, f] of Object.entries(families)) {
      rows.push(row([id, { html: `<code>${esc(family)}</code>` }, { num: fmt.rate(f.inRate) },
        { num: fmt.rate(f.outRate) }, { num: f.in }]));
    }
  }
  fill('eventbus', rows, 5, 'no traffic reported yet');
}

function streamList(items, describe) {
  if (!items || !items.length) return { html: '<span class="empty">none</span>', cls: 'streams' };
  return { html: items.map(describe).join('<br>'), cls: 'streams' };
}

function renderPeers() {
  const room = state.rooms.find((r) => r.roomId === state.selectedRoom);
  $('room-title').textContent = room ? room.roomId : 'no room selected';
  const peers = room ? room.peerStats || [] : [];
  fill('peers', peers.map((p) => {
    const pin = p.producers.reduce((s, x) => s + (x.bitrate || 0), 0);
    const pout = p.consumers.reduce((s, x) => s + (x.bitrate || 0), 0);
    return row([
      { html: `<strong>${esc(p.id)}</strong><br><span class="hint">${esc(p.displayName || '')}</span>` },
      streamList(p.transports, (t) => `<span class="tag">${esc(t.iceState)}/${esc(t.dtlsState)}</span>`
        + (t.availableOutgoingBitrate == null ? ''
          : ` <span class="hint" title="available outgoing bitrate (send-side estimate)">`
            + `est ${fmt.bitrate(t.availableOutgoingBitrate)}</span>`)),
      streamList(p.producers, (x) => `<span class="tag">${esc(x.kind)}</span> `
        + `<span class="in">${fmt.bitrate(x.bitrate)}</span> · score ${x.score} · loss ${fmt.loss(x.fractionLost)}`),
      streamList(p.consumers, (x) => `<span class="tag">${esc(x.kind)}</span> from ${esc(x.producerPeerId)} `
        + `<span class="out">${fmt.bitrate(x.bitrate)}</span> · score ${x.score}${x.paused ? ' · paused' : ''}`),
      { num: fmt.bitrate(pin), cls: 'in' },
      { num: fmt.bitrate(pout), cls: 'out' },
      button('Kick', () => command({ action: 'kickPeer', roomId: room.roomId, peerId: p.id }), true),
    ]);
  }), 7, room ? 'no peers have joined' : 'select a room above');
}

function renderChart() {
  const h = state.selectedRoom && history.rooms.get(state.selectedRoom);
  const src = h || history;
  $('chart-title').textContent = h ? `room ${state.selectedRoom}, last 5 minutes`
    : 'whole cluster, last 5 minutes';
  const data = [src.t.slice(), src.in.map((v) => v / 1e6), src.out.map((v) => v / 1e6)];
  const el = $('chart');
  const width = Math.max(300, el.clientWidth);
  if (!chart) {
    chart = new uPlot({
      width,
      height: 240,
      scales: { y: { range: (u, min, max) => [0, Math.max(0.1, max * 1.15)] } },
      legend: { live: false },
      axes: [{}, { label: 'Mbps', size: 50, values: (u, vals) => vals.map((v) => String(+v.toFixed(2))) }],
      series: [
        {},
        { label: 'in', stroke: '#0f9d58', width: 2, fill: 'rgba(15,157,88,0.08)',
          value: (u, v) => (v == null ? '–' : `${v.toFixed(2)} Mbps`) },
        { label: 'out', stroke: '#2563eb', width: 2, fill: 'rgba(37,99,235,0.08)',
          value: (u, v) => (v == null ? '–' : `${v.toFixed(2)} Mbps`) },
      ],
    }, data, el);
  } else {
    if (Math.abs(chart.width - width) > 4) chart.setSize({ width, height: 240 });
    chart.setData(data);
  }
}

function command(body) {
  if (!eb || state.status !== 'live') return;
  eb.send(COMMANDS, body, {}, (err, reply) => {
    if (err) {
      state.lastError = err.message || JSON.stringify(err);
      toast(`${body.action} failed: ${state.lastError}`);
    } else {
      state.lastReply = reply.body;
      toast(`${body.action}: done`);
    }
  });
}

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 3000);
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem('stockpot-admin-token', $('token').value.trim());
  connect();
});

connect();
setInterval(tick, 1000);
tick();
