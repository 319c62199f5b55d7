import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findPostgresBinaries } from './test-postgres.ts';

function folderWith(programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'loki-pg-bin-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  for (const program of programs) {
    writeFileSync(join(dir, 'bin', program), '#!/bin/sh\n');
    chmodSync(join(dir, 'bin', program), 0o755);
  }
  return join(dir, 'bin');
}

describe('findPostgresBinaries', () => {
  it('says why, and how to fix it, when the server programs are missing', () => {
    const result = findPostgresBinaries({ PATH: folderWith(['initdb']) }, '/nonexistent');
    expect(result).toEqual({
      found: false,
      reason: expect.stringContaining('apt-get install -y postgresql'),
    });
  });

  it('finds them in LOKI_TEST_POSTGRES_BIN, on PATH, or in the newest Debian version folder', () => {
    const both = folderWith(['initdb', 'postgres']);
    expect(
      findPostgresBinaries({ LOKI_TEST_POSTGRES_BIN: both, PATH: '' }, '/nonexistent'),
    ).toEqual({ found: true, binDir: both });
    expect(findPostgresBinaries({ PATH: `/nonexistent:${both}` }, '/nonexistent')).toEqual({
      found: true,
      binDir: both,
    });
    const debian = mkdtempSync(join(tmpdir(), 'loki-pg-debian-'));
    onTestFinished(() => rmSync(debian, { recursive: true, force: true }));
    for (const version of ['9', '15', '13']) {
      mkdirSync(join(debian, version, 'bin'), { recursive: true });
      for (const program of ['initdb', 'postgres']) {
        writeFileSync(join(debian, version, 'bin', program), '');
        chmodSync(join(debian, version, 'bin', program), 0o755);
      }
    }
    expect(findPostgresBinaries({ PATH: '' }, debian)).toEqual({
      found: true,
      binDir: join(debian, '15', 'bin'),
    });
  });
});
