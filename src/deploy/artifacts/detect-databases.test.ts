import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectDatabases } from './detect-databases.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function directory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'loki-databases-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

const packageJson = (
  dependencies: Record<string, string>,
  devDependencies: Record<string, string> = {},
): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'p', dependencies, devDependencies }),
});

describe('detectDatabases', () => {
  it('names the databases of Node drivers, in a stable order', async () => {
    expect(
      await detectDatabases(
        directory(packageJson({ ioredis: '5', mongoose: '8', mysql2: '3' })),
        'node',
      ),
    ).toEqual(['mysql', 'mongo', 'redis']);
    expect(
      await detectDatabases(directory(packageJson({ express: '5' }, { pg: '8' })), 'node'),
    ).toEqual(['postgres']);
  });

  it('finds no database for SQLite or none', async () => {
    expect(
      await detectDatabases(
        directory(packageJson({ 'better-sqlite3': '11', express: '5' })),
        'node',
      ),
    ).toEqual([]);
    expect(
      await detectDatabases(
        directory({ 'requirements.txt': 'flask\n# psycopg2 later\n' }),
        'python',
      ),
    ).toEqual([]);
  });

  it('reads Python requirements, pyproject lists and Poetry tables, ignoring extras, case and prose', async () => {
    expect(
      await detectDatabases(
        directory({
          'requirements.txt':
            '-r base.txt\nPsycopg[binary]>=3.1\nredis==5.0 ; python_version>"3.8"\n',
        }),
        'python',
      ),
    ).toEqual(['postgres', 'redis']);
    expect(
      await detectDatabases(
        directory({
          'pyproject.toml':
            '[project]\nname = "shop"\ndescription = "a shop with a redis cache someday"\ndependencies = ["fastapi", "PyMySQL>=1.1"]\n\n[tool.poetry.dependencies]\nmotor = "^3"\n',
        }),
        'python',
      ),
    ).toEqual(['mysql', 'mongo']);
  });

  it('takes an ORM alone as a database only when a connection URL in the code names one', async () => {
    const withUrl = directory({
      'requirements.txt': 'SQLAlchemy>=2\n',
      'app.py': 'engine = create_engine("postgresql+psycopg://db/app")\n',
    });
    expect(await detectDatabases(withUrl, 'python')).toEqual(['postgres']);
    const sqlite = directory({
      'requirements.txt': 'sqlalchemy\n',
      'app.py': 'engine = create_engine("sqlite:///app.db")\n',
    });
    expect(await detectDatabases(sqlite, 'python')).toEqual([]);
  });
});
