import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scanDirectory } from './scan-directory.ts';
import { toSarif } from './sarif.ts';
import { writeTree } from './test-support.ts';

// The parts of the SARIF 2.1.0 schema that viewers (GitHub code scanning, VS Code) rely on.
const sarifShape = z.object({
  $schema: z.string().url(),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.string().min(1),
            rules: z.array(
              z.object({
                id: z.string().min(1),
                shortDescription: z.object({ text: z.string().min(1) }),
                defaultConfiguration: z.object({
                  level: z.enum(['none', 'note', 'warning', 'error']),
                }),
              }),
            ),
          }),
        }),
        originalUriBaseIds: z.record(
          z.string(),
          z.object({ uri: z.string().regex(/^file:\/\/.*\/$/) }),
        ),
        columnKind: z.enum(['utf16CodeUnits', 'unicodeCodePoints']),
        results: z.array(
          z.object({
            ruleId: z.string(),
            ruleIndex: z.int().nonnegative(),
            level: z.enum(['none', 'note', 'warning', 'error']),
            message: z.object({ text: z.string().min(1) }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({
                      uri: z.string().regex(/^[^/]/),
                      uriBaseId: z.string(),
                    }),
                    region: z.object({
                      startLine: z.int().positive(),
                      startColumn: z.int().positive(),
                    }),
                  }),
                }),
              )
              .length(1),
          }),
        ),
      }),
    )
    .length(1),
});

describe('toSarif', () => {
  it('writes a SARIF 2.1.0 log with one result per finding and consistent rule indexes', async () => {
    const root = writeTree({
      'src/a b#1.js': 'const x = "\u202E";\neval(input);\n',
      'config.py': 'os.system("rm " + path)\n',
    });
    const report = await scanDirectory(root, { workers: 0 });
    const log = JSON.parse(JSON.stringify(toSarif(report))) as unknown;
    const sarif = sarifShape.parse(log);
    const [run] = sarif.runs;
    expect(run!.results).toHaveLength(report.findings.length);
    for (const result of run!.results) {
      expect(run!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(
        run!.originalUriBaseIds[result.locations[0]!.physicalLocation.artifactLocation.uriBaseId],
      ).toBeDefined();
    }
    expect(
      run!.results.map((result) => [
        result.ruleId,
        result.level,
        result.locations[0]!.physicalLocation.artifactLocation.uri,
      ]),
    ).toEqual([
      ['injection.python-os-system', 'error', 'config.py'],
      ['unicode.bidi-control', 'error', 'src/a%20b%231.js'],
      ['injection.eval', 'error', 'src/a%20b%231.js'],
    ]);
  });

  it('writes an empty but valid log for a clean tree', async () => {
    const report = await scanDirectory(writeTree({ 'a.js': 'export {};\n' }), { workers: 0 });
    const sarif = sarifShape.parse(toSarif(report));
    expect(sarif.runs[0]!.results).toEqual([]);
  });
});
