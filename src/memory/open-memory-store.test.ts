import { describe, expect, it } from 'vitest';
import { resolveMemoryLocation } from './open-memory-store.ts';

const base = { home: '/home/ada', cwd: '/work/app' };

describe('resolveMemoryLocation', () => {
  it('defaults to one SQLite file in the user folder, shared by every project', () => {
    expect(resolveMemoryLocation({ ...base, env: {} })).toEqual({
      kind: 'sqlite',
      path: '/home/ada/.loki/memory.db',
    });
  });

  it('takes LOKI_MEMORY_PATH for the file, and LOKI_MEMORY_URL for a Postgres store, URL first', () => {
    expect(resolveMemoryLocation({ ...base, env: { LOKI_MEMORY_PATH: 'mem/m.db' } })).toEqual({
      kind: 'sqlite',
      path: '/work/app/mem/m.db',
    });
    expect(resolveMemoryLocation({ ...base, env: { LOKI_MEMORY_PATH: '~/m.db' } })).toEqual({
      kind: 'sqlite',
      path: '/home/ada/m.db',
    });
    const url = 'postgresql://team:pw@db.internal:5432/loki';
    expect(
      resolveMemoryLocation({ ...base, env: { LOKI_MEMORY_URL: url, LOKI_MEMORY_PATH: 'x.db' } }),
    ).toEqual({ kind: 'postgres', url });
    expect(resolveMemoryLocation({ ...base, env: { LOKI_MEMORY_URL: ' ' } }).kind).toBe('sqlite');
  });

  it('lets an explicit target (a flag) win over the environment', () => {
    const env = { LOKI_MEMORY_URL: 'postgres://db/loki' };
    expect(resolveMemoryLocation({ ...base, env, target: './here.db' })).toEqual({
      kind: 'sqlite',
      path: '/work/app/here.db',
    });
    expect(resolveMemoryLocation({ ...base, target: 'postgres://other/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://other/db',
    });
  });

  it('refuses a URL that is not Postgres, naming the variable and hiding the password', () => {
    const attempt = () =>
      resolveMemoryLocation({ ...base, env: { LOKI_MEMORY_URL: 'mysql://u:secret@db/x' } });
    expect(attempt).toThrow(/LOKI_MEMORY_URL must be a postgres:\/\/.*LOKI_MEMORY_PATH/);
    expect(attempt).toThrow(expect.objectContaining({ code: 'memory.bad-location' }));
    expect(attempt).not.toThrow(/secret/);
    expect(() => resolveMemoryLocation({ ...base, target: 'redis://cache' })).toThrow(
      /memory option must be a postgres:\/\/ URL or a file path/,
    );
  });
});
