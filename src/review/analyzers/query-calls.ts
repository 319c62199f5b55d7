/**
 * Which calls read or write a database, by the shape of their callee: raw SQL clients
 * (pg, mysql2, better-sqlite3, sqlite), and the common ORMs (Prisma, Sequelize, TypeORM,
 * Mongoose, Knex). A callee is given as its chain of names: `prisma.user.findMany` is
 * `['prisma', 'user', 'findMany']`, `db.prepare(…).all` is `['db', 'prepare()', 'all']`.
 */

/** Names of the receivers that hold a connection, a pool or an ORM handle. */
const databaseHandle =
  /(?:^|[._])(?:db|database|pool|client|conn|connection|sql|knex|trx|tx|transaction|cursor|sequelize|manager|prisma|repo|repository|store|em|entitymanager|datasource|model|collection)$/i;
const rawSqlMethods = new Set([
  'query',
  'execute',
  'prepare',
  'raw',
  'exec',
  'many',
  'one',
  'any',
  'none',
  'oneOrNone',
  'manyOrNone',
]);
/** Method names that are a database read wherever they appear. */
const ormOnlyMethods = new Set([
  '$queryRaw',
  '$executeRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'findMany',
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findAll',
  'findByPk',
  'findById',
  'findOneBy',
  'findBy',
  'findAndCountAll',
  'findOrCreate',
  'findOneAndUpdate',
  'findByIdAndUpdate',
  'countDocuments',
  'createQueryBuilder',
  'getRepository',
]);
/** Generic names that are a database call only on a model or a handle (`User.create`, `repo.save`). */
const modelMethods = new Set([
  'find',
  'findOne',
  'create',
  'update',
  'delete',
  'destroy',
  'save',
  'count',
  'insert',
  'remove',
  'upsert',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'insertMany',
  'aggregate',
  'get',
  'all',
  'run',
  'first',
  'select',
  'where',
]);
const notModels = new Set([
  'Object',
  'Array',
  'Promise',
  'JSON',
  'Math',
  'Date',
  'Reflect',
  'Map',
  'Set',
  'String',
  'Number',
  'Symbol',
  'Buffer',
  'URL',
  'Intl',
  'Atomics',
  'WeakMap',
  'WeakSet',
  'BigInt',
  'Error',
]);
const statementMethods = new Set(['all', 'get', 'run', 'iterate', 'values']);

/** A label for the call (`db.query`) when it is a database call, else null. */
export function queryCallLabel(chain: readonly string[]): string | null {
  const method = chain.at(-1);
  if (!method || chain.length < 2) return knexCall(chain);
  const receiver = chain.at(-2)!;
  const root = chain[0]!;
  const label = chain.join('.');
  if (ormOnlyMethods.has(method)) return label;
  // A prepared statement run: db.prepare(sql).all(), stmt.all().
  if (
    statementMethods.has(method) &&
    (receiver === 'prepare()' || /^(?:stmt|statement)$/i.test(receiver))
  )
    return label;
  if (rawSqlMethods.has(method) && databaseHandle.test(bare(receiver))) return label;
  if (modelMethods.has(method)) {
    if (/^prisma$/i.test(root) && chain.length >= 3) return label;
    if (databaseHandle.test(bare(receiver))) return label;
    // `User.find()`: a capitalised receiver that is not a built-in is taken for a model class.
    if (chain.length === 2 && /^[A-Z][A-Za-z0-9]*$/.test(receiver) && !notModels.has(receiver))
      return label;
    // Knex: db('users').where(…).select().
    if (/^(?:knex|db|trx)\(\)$/.test(root)) return label;
  }
  return null;
}

function knexCall(chain: readonly string[]): string | null {
  return chain.length === 1 && /^(?:knex|trx)$/.test(chain[0]!) ? chain[0]! : null;
}

function bare(name: string): string {
  return name.replace(/\(\)$/, '');
}

/** Whether a SQL text reads rows without a bound (no LIMIT, no WHERE, not an aggregate). */
export function isUnboundedSelect(sql: string): boolean {
  if (!/^\s*select\b[\s\S]*\bfrom\b/i.test(sql)) return false;
  if (/^\s*select\s+(?:count|sum|avg|min|max)\s*\(/i.test(sql)) return false;
  return !/\b(?:limit|where|top\s+\d|fetch\s+first|offset)\b/i.test(sql);
}
