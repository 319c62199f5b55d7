// Helpers for the guard's own tests: trees of real files in temp folders, removed after each
// test. Fixtures that carry attack characters or secret-shaped values are built here, in the
// test run, from escapes and pieces: the repository itself holds none, so auditing Loki's own
// source stays clean and no secret scanner mistakes a fixture for a leak.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** Writes `files` (relative path → content) under a fresh temp folder and returns its path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'loki-guard-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/**
 * A reproducible random string over `alphabet`: secret-shaped values for tests, different on
 * every call but the same on every run (a linear congruential generator, seeded per call site).
 */
export function randomToken(seed: number, length: number, alphabet = alphanumeric): string {
  let state = seed >>> 0 || 1;
  let token = '';
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    token += alphabet[(state >>> 8) % alphabet.length];
  }
  return token;
}

export const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const upperAlphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const base64 = `${alphanumeric}+/`;
