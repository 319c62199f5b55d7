import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { scanDirectory } from './scan-directory.ts';
import { writeTree } from './test-support.ts';

const RLO = '\u202E';
const attack = `const a = "x${RLO}";\n`;

describe('scanDirectory', () => {
  it('respects .gitignore files at every level, and skips dependency and VCS folders', async () => {
    const root = writeTree({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      'src/.gitignore': 'generated.js\n',
      'src/app.js': attack,
      'src/generated.js': attack,
      'dist/bundle.js': attack,
      'debug.log': attack,
      'keep.log': attack,
      'node_modules/pkg/index.js': attack,
      '.git/hooks/pre-commit.js': attack,
      '.venv/lib/site.py': attack,
      'pkg/node_modules/dep/index.js': attack,
    });
    const report = await scanDirectory(root, { workers: 0 });
    expect([...new Set(report.findings.map((finding) => finding.file))]).toEqual([
      'keep.log',
      'src/app.js',
    ]);
    expect(report.filesScanned).toBe(4); // .gitignore, src/.gitignore, keep.log, src/app.js
  });

  it('applies the policy’s own ignore patterns', async () => {
    const root = writeTree({ 'vendor/lib.js': attack, 'src/app.js': 'export {};\n' });
    const report = await scanDirectory(root, { workers: 0, policy: { ignore: ['vendor/'] } });
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('skips binary files, but never source whose NUL byte would hide it', async () => {
    const root = writeTree({
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xe2, 0x80, 0xae]),
      'data.bin2': Buffer.concat([Buffer.from([0]), Buffer.from(attack)]),
      'evil.js': Buffer.concat([Buffer.from('// \0\n'), Buffer.from(attack)]),
    });
    const report = await scanDirectory(root, { workers: 0 });
    expect(report.findings.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['evil.js', 'unicode.control-character'],
      ['evil.js', 'unicode.bidi-control'],
    ]);
    expect(report.filesScanned).toBe(1);
  });

  it('does not follow symbolic links out of the tree', async () => {
    const outside = writeTree({ 'secret.js': attack });
    const root = writeTree({ 'src/app.js': 'export {};\n' });
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'secret.js'), join(root, 'src', 'link.js'));
    const report = await scanDirectory(root, { workers: 0 });
    expect(report.findings).toEqual([]);
    expect(report.filesScanned).toBe(1);
  });

  it('lists files too large to read instead of leaving them out silently', async () => {
    const root = writeTree({ 'big.js': `${'x'.repeat(2_000)}\n`, 'small.js': attack });
    const report = await scanDirectory(root, { workers: 0, policy: { maxFileBytes: 1_000 } });
    expect(report.skipped).toEqual([{ file: 'big.js', reason: 'too-large' }]);
    expect(report.findings.map((finding) => finding.file)).toEqual(['small.js']);
  });

  it('finds the same on worker threads as on this one', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) {
      files[`src/module-${index}.js`] =
        index % 7 === 0 ? attack : `export const value${index} = ${index};\n`;
    }
    const root = writeTree(files);
    const here = await scanDirectory(root, { workers: 0 });
    const workers = await scanDirectory(root, { workers: 2 });
    expect(workers.findings).toEqual(here.findings);
    expect(workers.filesScanned).toBe(40);
    expect(workers.bytesScanned).toBe(here.bytesScanned);
  });

  it('reports a missing directory as bad input', async () => {
    const error = await scanDirectory('/nonexistent/loki-guard').catch((thrown: unknown) => thrown);
    expect(LokiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'guard.directory-missing', category: 'bad-input' });
  });

  it('stops when its signal is aborted', async () => {
    const root = writeTree({ 'a.js': attack });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(scanDirectory(root, { workers: 0, signal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });
});
