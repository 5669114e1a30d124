// Which signaling servers the page may use, from `?signaling=url1,url2`.

/**
 * The servers' base URLs in order, without trailing slashes; [''] (this page's
 * own server) when the parameter is missing or empty.
 */
export function signalingServers(param) {
  const list = (param || '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter((s) => s.length > 0);
  return list.length > 0 ? list : [''];
}
