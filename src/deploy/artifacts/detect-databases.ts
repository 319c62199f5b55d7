import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackName } from '../../stacks/index.ts';
import { databaseKinds, type DatabaseKind } from './database-services.ts';

/** Node packages that mean "this product talks to that database". */
const nodeDrivers: Record<string, DatabaseKind> = {
  pg: 'postgres',
  postgres: 'postgres',
  'pg-promise': 'postgres',
  '@neondatabase/serverless': 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  mongodb: 'mongo',
  mongoose: 'mongo',
  redis: 'redis',
  ioredis: 'redis',
};

/** Python distributions that name their database. */
const pythonDrivers: Record<string, DatabaseKind> = {
  psycopg: 'postgres',
  'psycopg-binary': 'postgres',
  psycopg2: 'postgres',
  'psycopg2-binary': 'postgres',
  asyncpg: 'postgres',
  pymysql: 'mysql',
  mysqlclient: 'mysql',
  'mysql-connector-python': 'mysql',
  aiomysql: 'mysql',
  pymongo: 'mongo',
  motor: 'mongo',
  mongoengine: 'mongo',
  redis: 'redis',
};

/** ORMs that work with several databases: the connection URL in the code says which. */
const pythonOrms = ['sqlalchemy', 'sqlmodel', 'databases', 'peewee', 'tortoise-orm'];
const urlSchemes: [RegExp, DatabaseKind][] = [
  [/\bpostgres(?:ql)?(?:\+\w+)?:\/\//, 'postgres'],
  [/\bmysql(?:\+\w+)?:\/\//, 'mysql'],
];

const pythonDependencyFiles =
  /^(?:requirements.*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile)$/;
const sourceDirectories = ['.', 'src', 'app'];
const maxSourceFiles = 60;

/**
 * The databases a product uses, read from its declared dependencies: a driver names its
 * database; an ORM alone counts when a connection URL in the code or `.env.example` names one.
 * SQLite, or no database at all, gives an empty list: the product needs no database service.
 */
export async function detectDatabases(root: string, stack: StackName): Promise<DatabaseKind[]> {
  const found = new Set<DatabaseKind>();
  if (stack === 'node') {
    for (const name of await nodeDependencyNames(root)) {
      const kind = nodeDrivers[name];
      if (kind) found.add(kind);
    }
  } else {
    const names = await pythonDependencyNames(root);
    for (const name of names) {
      const kind = pythonDrivers[name];
      if (kind) found.add(kind);
    }
    if (pythonOrms.some((orm) => names.has(orm))) {
      const sources = await readSources(root);
      for (const [scheme, kind] of urlSchemes) if (scheme.test(sources)) found.add(kind);
    }
  }
  return databaseKinds.filter((kind) => found.has(kind));
}

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

async function nodeDependencyNames(root: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readText(join(root, 'package.json'))) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return [];
    const record = parsed as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((field) => {
      const value = record[field];
      return typeof value === 'object' && value !== null ? Object.keys(value) : [];
    });
  } catch {
    // an unreadable package.json declares nothing; the stack reports it elsewhere
    return [];
  }
}

/** Requirement names, lower-cased, with `_` as `-` (pip treats them alike), without extras. */
async function pythonDependencyNames(root: string): Promise<Set<string>> {
  const files = (await readdir(root).catch(() => [] as string[])).filter((name) =>
    pythonDependencyFiles.test(name),
  );
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name) names.add(name.toLowerCase().replaceAll('_', '-'));
  };
  for (const file of files) {
    const text = await readText(join(root, file));
    if (file.endsWith('.txt')) {
      // one requirement a line; options (-r, -e, --index-url) and comments name no package
      for (const line of text.split('\n')) add(/^\s*([A-Za-z0-9][\w.-]*)/.exec(line)?.[1]);
      continue;
    }
    // pyproject's and setup.py's lists hold quoted requirement strings: "psycopg[binary]>=3"
    for (const match of text.matchAll(
      /["']([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;][^"']*)?["']/g,
    )) {
      add(match[1]);
    }
    // Poetry's and Pipfile's tables name a package per key: psycopg2 = "^2.9"
    for (const section of text.split(/^\[/m)) {
      if (!/^(?:tool\.poetry\.(?:dev-)?dependencies|packages|dev-packages)\]/.test(section))
        continue;
      for (const match of section.matchAll(/^([A-Za-z0-9][\w.-]*)\s*=/gm)) add(match[1]);
    }
  }
  return names;
}

async function readSources(root: string): Promise<string> {
  const paths: string[] = ['.env.example', '.env.sample'];
  for (const directory of sourceDirectories) {
    const names = await readdir(join(root, directory)).catch(() => [] as string[]);
    paths.push(
      ...names.filter((name) => name.endsWith('.py')).map((name) => join(directory, name)),
    );
  }
  const texts = await Promise.all(
    paths.slice(0, maxSourceFiles).map((path) => readText(join(root, path))),
  );
  return texts.join('\n');
}
