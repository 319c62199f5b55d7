import { randomUUID } from 'node:crypto';

/**
 * A user as the rest of the service sees it. The password hash and salt are only read back by
 * `findByEmail`, for logging in.
 * @typedef {{ id: string, email: string, createdAt: string }} User
 * @typedef {User & { passwordHash: string, salt: string }} UserWithCredentials
 */

/** Signing up with an email that already has an account. */
export class EmailTakenError extends Error {
  name = 'EmailTakenError';
}

/**
 * The users table. Every query is a prepared statement with parameters.
 * @param {import('node:sqlite').DatabaseSync} db
 * @param {{ now?: () => Date, generateId?: () => string }} [options]
 */
export function createUserRepository(db, { now = () => new Date(), generateId = randomUUID } = {}) {
  const insert = db.prepare(
    'INSERT INTO users (id, email, password_hash, salt, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectByEmail = db.prepare(
    'SELECT id, email, password_hash, salt, created_at FROM users WHERE email = ?',
  );
  const selectById = db.prepare('SELECT id, email, created_at FROM users WHERE id = ?');

  return {
    /**
     * Creates a user; throws EmailTakenError when the email (in any letter case) is taken.
     * @param {{ email: string, passwordHash: string, salt: string }} input
     * @returns {User}
     */
    create({ email, passwordHash, salt }) {
      const user = { id: generateId(), email, createdAt: now().toISOString() };
      try {
        insert.run(user.id, email, passwordHash, salt, user.createdAt);
      } catch (error) {
        if (isUniqueViolation(error)) throw new EmailTakenError(`${email} already has an account`);
        throw error;
      }
      return user;
    },

    /**
     * @param {string} email
     * @returns {UserWithCredentials | null}
     */
    findByEmail(email) {
      const row = selectByEmail.get(email);
      if (row === undefined) return null;
      return {
        id: String(row.id),
        email: String(row.email),
        createdAt: String(row.created_at),
        passwordHash: String(row.password_hash),
        salt: String(row.salt),
      };
    },

    /**
     * @param {string} id
     * @returns {User | null}
     */
    findById(id) {
      const row = selectById.get(id);
      if (row === undefined) return null;
      return { id: String(row.id), email: String(row.email), createdAt: String(row.created_at) };
    },
  };
}

/** @typedef {ReturnType<typeof createUserRepository>} UserRepository */

/** @param {unknown} error */
function isUniqueViolation(error) {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}
