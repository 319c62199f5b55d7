import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stableHash } from '../../core/index.ts';
import type { Journal } from '../../journal/index.ts';
import { collectFacts } from './collect-facts.ts';
import { judgeProof } from './judge-proof.ts';
import type { Proof } from './proof-schema.ts';

/** Where a run's receipt is written: beside the journal, with its other reports. */
export function proofPathOf(journal: Pick<Journal, 'path'>, runId: string): string {
  return join(dirname(journal.path), 'reports', runId, 'proof.json');
}

/** Builds the evidence receipt of a run from its journal and product, for someone who does not trust Loki. */
export async function buildProof(journal: Journal, runId: string, now: Date): Promise<Proof> {
  const { facts, opinions } = await collectFacts(journal, runId);
  const { headline, gaps } = judgeProof(facts);
  return {
    version: 1,
    generatedAt: now.toISOString(),
    headline,
    gaps,
    facts,
    assessments: opinions.map(({ event, cite }) => ({
      source: event.source,
      severity: event.severity,
      file: event.file,
      line: event.line,
      title: event.title,
      cites: [cite],
    })),
    factsSha256: stableHash(facts),
  };
}

/** Writes `proof.json` of a run; returns where, and the receipt. */
export async function writeProof(
  journal: Journal,
  runId: string,
  now: Date,
): Promise<{ path: string; proof: Proof }> {
  const proof = await buildProof(journal, runId, now);
  const path = proofPathOf(journal, runId);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(proof, null, 2)}\n`);
  return { path, proof };
}
