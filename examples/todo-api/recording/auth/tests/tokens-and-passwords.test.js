import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { hashPassword, verifyPassword } from '../src/auth/passwords.js';
import { signToken, verifyToken } from '../src/auth/tokens.js';

const secret = randomBytes(32).toString('hex');
const now = Date.parse('2025-06-01T12:00:00Z');
const day = 86_400;

/** @param {object} value */
const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens', () => {
  test('a signed token verifies and carries the subject for 24 hours', () => {
    const token = signToken('user-1', secret, { ttlSeconds: day, now });
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = verifyToken(token, secret, { now });
    assert.deepEqual(claims, { sub: 'user-1', iat: now / 1000, exp: now / 1000 + day });
    assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()), {
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  test('an expired token is refused', () => {
    const token = signToken('user-1', secret, { ttlSeconds: day, now });
    assert.notEqual(verifyToken(token, secret, { now: now + day * 1000 - 1 }), null);
    assert.equal(verifyToken(token, secret, { now: now + day * 1000 }), null);
  });

  test('a token signed with another secret is refused', () => {
    const token = signToken('user-1', randomBytes(32).toString('hex'), { ttlSeconds: day, now });
    assert.equal(verifyToken(token, secret, { now }), null);
  });

  test('a token whose payload was changed is refused', () => {
    const [header, , signature] = signToken('user-1', secret, { ttlSeconds: day, now }).split('.');
    const forged = encode({ sub: 'admin', iat: now / 1000, exp: now / 1000 + day });
    assert.equal(verifyToken(`${header}.${forged}.${signature}`, secret, { now }), null);
  });

  test('an unsigned token (alg none) is refused', () => {
    const payload = encode({ sub: 'user-1', iat: now / 1000, exp: now / 1000 + day });
    assert.equal(
      verifyToken(`${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`, secret, { now }),
      null,
    );
  });

  test('a token of another algorithm is refused even with a valid HMAC', () => {
    const header = encode({ alg: 'HS512', typ: 'JWT' });
    const payload = encode({ sub: 'user-1', iat: now / 1000, exp: now / 1000 + day });
    const signature = createHmac('sha256', secret)
      .update(`${header}.${payload}`)
      .digest('base64url');
    assert.equal(verifyToken(`${header}.${payload}.${signature}`, secret, { now }), null);
  });

  test('malformed tokens are refused', () => {
    for (const token of ['', 'abc', 'a.b', 'a.b.c.d', '..']) {
      assert.equal(verifyToken(token, secret, { now }), null, token);
    }
  });
});

describe('passwords', () => {
  test('the same password hashes differently with each salt, and verifies', async () => {
    const password = 'correct horse battery staple';
    const first = await hashPassword(password);
    const second = await hashPassword(password);
    assert.notEqual(first.salt, second.salt);
    assert.notEqual(first.hash, second.hash);
    assert.match(first.hash, /^[0-9a-f]{128}$/);
    assert.equal(await verifyPassword(password, first), true);
    assert.equal(await verifyPassword(password, second), true);
  });

  test('a wrong password does not verify', async () => {
    const stored = await hashPassword('correct horse battery staple');
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false);
  });
});
