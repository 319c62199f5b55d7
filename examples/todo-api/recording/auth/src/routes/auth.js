import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { signToken } from '../auth/tokens.js';
import { HttpError } from '../http/errors.js';
import { characterCount, expectObject, throwIfInvalid, unknownFields } from '../http/validation.js';
import { EmailTakenError } from '../repositories/users.js';

const minimumPasswordLength = 12;
const maximumPasswordLength = 1024;
const maximumEmailLength = 254;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * POST /auth/signup and POST /auth/login.
 * @param {{ users: import('../repositories/users.js').UserRepository, config: import('../config.js').Config }} deps
 * @returns {import('../http/router.js').Route[]}
 */
export function authRoutes({ users, config }) {
  // Logging in with an unknown email still runs scrypt, against this hash, so that the answer
  // takes as long as for a known email and does not tell which emails have accounts.
  let decoy;
  const decoyHash = () => (decoy ??= hashPassword('not the password of anyone'));

  return [
    {
      method: 'POST',
      path: '/auth/signup',
      async handle(request) {
        const { email, password } = parseCredentials(await request.readJson(), { signup: true });
        const { hash, salt } = await hashPassword(password);
        try {
          const user = users.create({ email, passwordHash: hash, salt });
          return { status: 201, body: { user } };
        } catch (error) {
          if (error instanceof EmailTakenError) {
            throw new HttpError(409, 'conflict', 'an account with this email already exists');
          }
          throw error;
        }
      },
    },
    {
      method: 'POST',
      path: '/auth/login',
      async handle(request) {
        const { email, password } = parseCredentials(await request.readJson(), { signup: false });
        const user = users.findByEmail(email);
        const stored =
          user === null ? await decoyHash() : { hash: user.passwordHash, salt: user.salt };
        const matches = await verifyPassword(password, stored);
        if (user === null || !matches) {
          throw new HttpError(401, 'unauthorized', 'the email or the password is wrong');
        }
        const token = signToken(user.id, config.jwtSecret, { ttlSeconds: config.tokenTtlSeconds });
        return {
          status: 200,
          body: { token, tokenType: 'Bearer', expiresIn: config.tokenTtlSeconds },
        };
      },
    },
  ];
}

/**
 * Checks `{email, password}`: a plausible email (kept in lower case) and, on sign-up, a password
 * of at least 12 characters.
 * @param {unknown} body
 * @param {{ signup: boolean }} options
 */
function parseCredentials(body, { signup }) {
  const input = expectObject(body);
  const fields = unknownFields(input, ['email', 'password']);
  const { email, password } = input;
  if (email === undefined) fields.email = 'required';
  else if (typeof email !== 'string') fields.email = 'must be a string';
  else if (email.length > maximumEmailLength || !emailShape.test(email.trim())) {
    fields.email = 'must be an email address';
  }
  if (password === undefined) fields.password = 'required';
  else if (typeof password !== 'string') fields.password = 'must be a string';
  else if (signup && characterCount(password) < minimumPasswordLength) {
    fields.password = `must be at least ${minimumPasswordLength} characters`;
  } else if (characterCount(password) > maximumPasswordLength) {
    fields.password = `must be at most ${maximumPasswordLength} characters`;
  }
  throwIfInvalid(fields);
  return { email: String(email).trim().toLowerCase(), password: String(password) };
}
