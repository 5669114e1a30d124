// Room tokens on the page: what a token says (read, not verified: the server
// verifies it) and what to tell the user when the server refuses the connection.

/** Close codes the server refuses a connection with (see the README). */
export const UNAUTHORIZED = 4401;
export const FORBIDDEN = 4403;
export const TOO_MANY = 4429;

/**
 * The claims of a JWT, or null if it is not one: {sub, room, name, grants, exp}.
 * Only for display and ids; the server decides what the token is worth.
 */
export function tokenClaims(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const claims = JSON.parse(atob(padded));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/**
 * The banner for a connection the server refused for its token, or null when
 * the end has another cause (then the page reconnects). `end` is {code, reason}
 * from the close or from the server's sessionClosed notification.
 */
export function refusalBanner(end, hasToken) {
  if (!end || (end.code !== UNAUTHORIZED && end.code !== FORBIDDEN)) return null;
  const reason = String(end.reason || '');
  if (reason.startsWith('token missing') || (!hasToken && end.code === UNAUTHORIZED)) {
    return {
      kind: 'missing',
      title: 'This room needs an invitation',
      advice:
        'Open the link you were given: it carries ?token=…. Organizers mint one with ' +
        '"bin/stockpot-admin token --room ROOM --peer NAME" or POST /api/tokens.',
      reason,
    };
  }
  if (reason.startsWith('token expired')) {
    return {
      kind: 'expired',
      title: 'Your invitation has expired',
      advice: 'Ask the organizer for a new link, then open it.',
      reason,
    };
  }
  return {
    kind: 'refused',
    title: 'Your invitation was refused',
    advice:
      'The link may be damaged, meant for another room or person, or signed with another key. ' +
      'Ask the organizer for a new link.',
    reason,
  };
}
