import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const keyLength = 64;
const saltBytes = 16;
// scrypt's recommended interactive cost (N = 2^14, r = 8, p = 1): about 50 ms and 16 MiB a hash.
const cost = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * @param {string} password
 * @param {string} salt
 * @returns {Promise<Buffer>}
 */
function derive(password, salt) {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, cost, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a fresh random salt; store both.
 * @param {string} password
 * @returns {Promise<{ hash: string, salt: string }>}
 */
export async function hashPassword(password) {
  const salt = randomBytes(saltBytes).toString('hex');
  const key = await derive(password, salt);
  return { hash: key.toString('hex'), salt };
}

/**
 * Whether `password` is the one hashed, compared in constant time.
 * @param {string} password
 * @param {{ hash: string, salt: string }} stored
 */
export async function verifyPassword(password, stored) {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await derive(password, stored.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
