import { HttpError } from '../http/errors.js';
import { verifyToken } from './tokens.js';

/** @typedef {import('../http/router.js').Route['handle']} Handle */

/**
 * Wraps route handlers so that they run only for a request with a valid bearer token of an
 * existing user, with `request.userId` set; anything else is answered 401 JSON.
 * @param {{ secret: string, users: import('../repositories/users.js').UserRepository, now?: () => number }} options
 * @returns {(handle: Handle) => Handle}
 */
export function createRequireUser({ secret, users, now = Date.now }) {
  return (handle) => (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim());
    const claims = match?.[1] === undefined ? null : verifyToken(match[1], secret, { now: now() });
    if (claims === null || users.findById(claims.sub) === null) throw unauthorized();
    return handle({ ...request, userId: claims.sub });
  };
}

function unauthorized() {
  return new HttpError(401, 'unauthorized', 'a valid bearer token is required', {
    headers: { 'www-authenticate': 'Bearer' },
  });
}
