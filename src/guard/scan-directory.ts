import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { LokiError, systemClock, type Clock } from '../core/index.ts';
import {
  applyRuleOverrides,
  auditPolicySchema,
  isBlocking,
  type AuditPolicy,
  type AuditPolicyInput,
} from './audit-policy.ts';
import type { AuditReport } from './audit-report.ts';
import { compareFindings } from './finding.ts';
import { scanFile, type FileScan } from './scan-file.ts';
import { scanInWorkers } from './scan-pool.ts';
import { walkFiles, type WalkedFile } from './walk-files.ts';

export interface ScanDirectoryOptions {
  /** The audit policy (defaults filled in); see `auditPolicySchema`. */
  policy?: AuditPolicyInput;
  signal?: AbortSignal;
  /**
   * Worker threads to scan on; 0 scans on this thread. Default: one per core (at most 4) when
   * there are enough files to repay starting them, else 0.
   */
  workers?: number;
  clock?: Clock;
}

/** Below this many files, starting workers costs more than it saves. */
const filesWorthWorkers = 200;

/**
 * Audits a directory tree: every file git would track (see `walkFiles`), against the policy.
 * Throws `guard.directory-missing` (bad input) when `root` is not a directory.
 */
export async function scanDirectory(
  root: string,
  options: ScanDirectoryOptions = {},
): Promise<AuditReport> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const absoluteRoot = resolve(root);
  const policy: AuditPolicy = auditPolicySchema.parse(options.policy ?? {});
  if (!(await isDirectory(absoluteRoot))) {
    throw new LokiError({
      code: 'guard.directory-missing',
      category: 'bad-input',
      message: `${absoluteRoot} is not a directory; give the directory of the project to audit.`,
      details: { root: absoluteRoot },
    });
  }
  const files = await walkFiles(absoluteRoot, policy.ignore, options.signal);
  const workers =
    options.workers ??
    (files.length >= filesWorthWorkers ? Math.min(4, availableParallelism()) : 0);
  const scans =
    workers > 0 && files.length > 0
      ? await scanInWorkers(files, policy.maxFileBytes, workers, options.signal)
      : await scanHere(files, policy.maxFileBytes, options.signal);
  const findings = applyRuleOverrides(
    scans.flatMap((scan) => scan.findings),
    policy,
  ).sort(compareFindings);
  return {
    root: absoluteRoot,
    passed: !findings.some((finding) => isBlocking(finding, policy)),
    findings,
    filesScanned: scans.filter((scan) => scan.status === 'scanned').length,
    bytesScanned: scans.reduce((sum, scan) => sum + scan.bytes, 0),
    durationMs: Math.max(0, clock.now() - startedAt),
    policy,
    skipped: scans.flatMap((scan, index) =>
      scan.status === 'too-large' || scan.status === 'unreadable'
        ? [{ file: files[index]!.relative, reason: scan.status }]
        : [],
    ),
  };
}

async function scanHere(
  files: readonly WalkedFile[],
  maxBytes: number,
  signal?: AbortSignal,
): Promise<FileScan[]> {
  const scans: FileScan[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    scans.push(await scanFile(file.path, file.relative, maxBytes));
  }
  return scans;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
