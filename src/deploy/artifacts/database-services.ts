/** The databases a product may use that Loki knows how to run beside it. */
export const databaseKinds = ['postgres', 'mysql', 'mongo', 'redis'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/**
 * How to run one database as a service beside the product (compose, CI), and how the product
 * finds it. The credentials are for a throwaway development database; they are read from the
 * environment with these as defaults, so a real deployment sets its own.
 */
export interface DatabaseService {
  kind: DatabaseKind;
  /** The service's name in compose and CI, also its host name on the compose network. */
  name: string;
  image: string;
  port: number;
  /** The variable holding the password, so that compose reads it from the environment. */
  passwordVariable: string | null;
  /** The database container's own settings, given the password (or an interpolation of it). */
  environment(password: string): Record<string, string>;
  /** What the product reads to connect, given the host the database answers on. */
  connection(host: string, password: string): Record<string, string>;
  /** A shell command that succeeds once the database accepts connections. */
  readyCommand: string;
  /** Where the database keeps its data, kept in a named volume. */
  dataPath: string;
}

const user = 'app';
const databaseName = 'app';

/** The password of the throwaway development database (CI services, compose's default). */
export const developmentPassword = 'app';

/** Compose interpolates `${VAR:-default}`: the password can be set outside the file. */
export function composePassword(service: DatabaseService): string {
  return service.passwordVariable === null
    ? developmentPassword
    : `\${${service.passwordVariable}:-${developmentPassword}}`;
}

const services: Record<DatabaseKind, DatabaseService> = {
  postgres: {
    kind: 'postgres',
    name: 'postgres',
    image: 'postgres:17-alpine',
    port: 5432,
    passwordVariable: 'POSTGRES_PASSWORD',
    environment: (password) => ({
      POSTGRES_USER: user,
      POSTGRES_PASSWORD: password,
      POSTGRES_DB: databaseName,
    }),
    // `pg` and psycopg read the PG* variables themselves; most code reads DATABASE_URL.
    connection: (host, password) => ({
      DATABASE_URL: `postgresql://${user}:${password}@${host}:5432/${databaseName}`,
      PGHOST: host,
      PGPORT: '5432',
      PGUSER: user,
      PGPASSWORD: password,
      PGDATABASE: databaseName,
    }),
    readyCommand: `pg_isready -U ${user} -d ${databaseName}`,
    dataPath: '/var/lib/postgresql/data',
  },
  mysql: {
    kind: 'mysql',
    name: 'mysql',
    image: 'mysql:8.4',
    port: 3306,
    passwordVariable: 'MYSQL_PASSWORD',
    environment: (password) => ({
      MYSQL_USER: user,
      MYSQL_PASSWORD: password,
      MYSQL_ROOT_PASSWORD: password,
      MYSQL_DATABASE: databaseName,
    }),
    connection: (host, password) => ({
      DATABASE_URL: `mysql://${user}:${password}@${host}:3306/${databaseName}`,
      MYSQL_HOST: host,
      MYSQL_PORT: '3306',
    }),
    readyCommand: 'mysqladmin ping -h 127.0.0.1 --silent',
    dataPath: '/var/lib/mysql',
  },
  mongo: {
    kind: 'mongo',
    name: 'mongo',
    image: 'mongo:8',
    port: 27017,
    passwordVariable: null,
    environment: () => ({}),
    connection: (host) => ({
      MONGODB_URI: `mongodb://${host}:27017/${databaseName}`,
      MONGO_URL: `mongodb://${host}:27017/${databaseName}`,
    }),
    readyCommand: `mongosh --quiet --eval 'db.runCommand({ ping: 1 }).ok'`,
    dataPath: '/data/db',
  },
  redis: {
    kind: 'redis',
    name: 'redis',
    image: 'redis:7-alpine',
    port: 6379,
    passwordVariable: null,
    environment: () => ({}),
    connection: (host) => ({ REDIS_URL: `redis://${host}:6379` }),
    readyCommand: 'redis-cli ping',
    dataPath: '/data',
  },
};

/** The service definition for one database kind. */
export function databaseService(kind: DatabaseKind): DatabaseService {
  return services[kind];
}
