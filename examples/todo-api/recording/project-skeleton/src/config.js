/**
 * The service's settings, read once from the environment when it starts.
 * @typedef {object} Config
 * @property {number} port Where the server listens (`PORT`, default 3000; 0 picks a free port).
 * @property {string} databasePath The SQLite file (`DATABASE_PATH`, default `./data/todos.db`).
 * @property {string} jwtSecret Signs and verifies tokens (`JWT_SECRET`, required). Never logged.
 * @property {number} tokenTtlSeconds How long a token stays valid: 24 hours.
 */

/** A configuration problem. Its message names the variable, never a secret's value. */
export class ConfigError extends Error {
  name = 'ConfigError';
}

const minimumSecretLength = 32;
const tokenTtlSeconds = 24 * 60 * 60;

/**
 * Reads and checks the configuration from environment variables; every problem is reported at
 * once, so a person fixes them in one go.
 * @param {Record<string, string | undefined>} [env]
 * @returns {Readonly<Config>}
 */
export function loadConfig(env = process.env) {
  const problems = [];
  const portText = env.PORT?.trim() || '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT must be a port number from 0 to 65535, not "${portText}"`);
  }
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret === '') {
    problems.push(
      `JWT_SECRET is required: set it to a random string of at least ${minimumSecretLength} characters`,
    );
  } else if (jwtSecret.length < minimumSecretLength) {
    problems.push(
      `JWT_SECRET must be at least ${minimumSecretLength} characters long (it has ${jwtSecret.length})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return Object.freeze({
    port,
    databasePath: env.DATABASE_PATH?.trim() || './data/todos.db',
    jwtSecret,
    tokenTtlSeconds,
  });
}
