import { existsSync, readFileSync } from 'node:fs';
import { LokiError, parseJson } from '../../core/index.ts';
import { proofPathOf, proofSchema, verifyProof, type Proof } from '../../pipeline/index.ts';
import { formatTable } from '../format-table.ts';
import { openJournal } from '../open-journal.ts';

export interface VerifyCommandOptions {
  retest?: boolean;
  json?: boolean;
  journal?: string;
}

/**
 * `loki verify <run|proof.json>`: re-checks a run's evidence receipt against its repository
 * (unedited, commits present, main unchanged, same diff, tests pass again); exit 1 on drift.
 */
export async function verifyCommand(
  target: string,
  options: VerifyCommandOptions,
): Promise<number> {
  const { path, proof } = loadProof(target, options.journal);
  const result = await verifyProof(proof, { retest: options.retest });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ path, headline: proof.headline, ...result }, null, 2)}\n`,
    );
    return result.ok ? 0 : 1;
  }
  const lines = [
    `Receipt ${path}`,
    `Run ${proof.facts.run.runId}: ${proof.headline}${proof.gaps.length > 0 ? '' : ' (no gaps)'}`,
    ...proof.gaps.map((gap) => `  gap: ${gap}`),
    '',
    formatTable(
      ['CHECK', 'RESULT', 'DETAIL'],
      result.checks.map((check) => [check.check, check.ok ? 'ok' : 'DRIFT', check.detail]),
    ),
    '',
    result.ok
      ? 'The receipt holds: the repository is as it recorded.'
      : 'The repository has drifted from the receipt (see DRIFT above).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return result.ok ? 0 : 1;
}

function loadProof(
  target: string,
  journalPath: string | undefined,
): { path: string; proof: Proof } {
  let path = target;
  if (!existsSync(target)) {
    using journal = openJournal(journalPath ?? process.env['LOKI_JOURNAL']);
    if (!journal.getRun(target)) {
      throw new LokiError({
        code: 'proof.not-found',
        category: 'bad-input',
        message: `"${target}" is neither a proof.json file nor a run in ${journal.path}; list runs with loki runs`,
        details: { target },
      });
    }
    path = proofPathOf(journal, target);
    if (!existsSync(path)) {
      throw new LokiError({
        code: 'proof.not-found',
        category: 'bad-input',
        message: `run ${target} has no receipt at ${path}: it ran before receipts existed, or did not finish`,
        details: { target, path },
      });
    }
  }
  const parsed = parseJson(readFileSync(path, 'utf8'), proofSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'proof.invalid',
      category: 'bad-input',
      message: `${path} is not a Loki receipt: ${parsed.error}`,
      details: { path },
    });
  }
  return { path, proof: parsed.value };
}
