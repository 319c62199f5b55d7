import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a verified token says.
 * @typedef {{ sub: string, iat: number, exp: number }} TokenClaims
 */

const header = encode({ alg: 'HS256', typ: 'JWT' });

/**
 * Issues an HS256 JSON Web Token for `subject` (a user id), valid for `ttlSeconds`.
 * @param {string} subject
 * @param {string} secret
 * @param {{ ttlSeconds: number, now?: number }} options `now` in milliseconds.
 */
export function signToken(subject, secret, { ttlSeconds, now = Date.now() }) {
  const issuedAt = Math.floor(now / 1000);
  const payload = encode({ sub: subject, iat: issuedAt, exp: issuedAt + ttlSeconds });
  return `${header}.${payload}.${signature(`${header}.${payload}`, secret)}`;
}

/**
 * The claims of a token signed with `secret` that has not expired, or null for anything else:
 * malformed, another algorithm (`none` included), a bad signature, expired.
 * @param {string} token
 * @param {string} secret
 * @param {{ now?: number }} [options] `now` in milliseconds.
 * @returns {TokenClaims | null}
 */
export function verifyToken(token, secret, { now = Date.now() } = {}) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [encodedHeader = '', encodedPayload = '', givenSignature = ''] = parts;
  const expected = Buffer.from(signature(`${encodedHeader}.${encodedPayload}`, secret));
  const given = Buffer.from(givenSignature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const headerFields = decode(encodedHeader);
  if (headerFields?.alg !== 'HS256') return null;
  const claims = decode(encodedPayload);
  if (
    typeof claims?.sub !== 'string' ||
    !Number.isInteger(claims.iat) ||
    !Number.isInteger(claims.exp) ||
    Number(claims.exp) * 1000 <= now
  ) {
    return null;
  }
  return { sub: claims.sub, iat: Number(claims.iat), exp: Number(claims.exp) };
}

/**
 * @param {string} data
 * @param {string} secret
 */
function signature(data, secret) {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/** @param {object} value */
function encode(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * @param {string} part
 * @returns {Record<string, unknown> | null}
 */
function decode(part) {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
