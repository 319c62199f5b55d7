import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

/** A password that passes the rules; tests never use a real one. */
export const testPassword = 'correct horse battery staple';

/**
 * Signs a new user up and logs in, through the API.
 * @param {{ request: (method: string, path: string, options?: { body?: unknown }) => Promise<{ status: number, body: any }> }} app
 * @param {string} [email] Default: a fresh one.
 * @returns {Promise<{ user: { id: string, email: string, createdAt: string }, token: string, email: string }>}
 */
export async function signUpAndLogIn(app, email = `user-${randomUUID()}@example.com`) {
  const credentials = { email, password: testPassword };
  const signup = await app.request('POST', '/auth/signup', { body: credentials });
  assert.equal(signup.status, 201, JSON.stringify(signup.body));
  const login = await app.request('POST', '/auth/login', { body: credentials });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { user: signup.body.user, token: login.body.token, email };
}
