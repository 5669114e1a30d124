// Number formatting for the admin dashboard: short, fixed-width-friendly text.

export function bitrate(bps) {
  if (bps == null || Number.isNaN(bps)) return '–';
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbps`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(0)} kbps`;
  return `${Math.round(bps)} bps`;
}

export function bytes(n) {
  if (n == null) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function duration(ms) {
  if (ms == null) return '–';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export function percent(fraction) {
  if (fraction == null || fraction < 0) return '–';
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}

// mediasoup-style loss: a fraction 0..1 or RTCP's 0..255 scale.
export function loss(value) {
  if (value == null) return '–';
  return percent(value > 1 ? value / 256 : value);
}

export function rate(perSecond) {
  if (perSecond == null) return '–';
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

// Packets dropped by reason, summed over rooms ({reason: count} each, in the media node's
// path order): [[reason, count], …] in that order, first seen first.
export function dropRows(rooms) {
  const sums = new Map();
  for (const r of rooms) {
    for (const [reason, n] of Object.entries((r && r.drops) || {})) {
      sums.set(reason, (sums.get(reason) || 0) + n);
    }
  }
  return [...sums.entries()];
}
