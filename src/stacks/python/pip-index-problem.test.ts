import { describe, expect, it } from 'vitest';
import { pipIndexProblem } from './pip-index-problem.ts';

// Captured from pip 23 on this machine (no DNS), and with an index on a closed loopback port.
const noDns = [
  "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7ff91d603610>: Failed to establish a new connection: [Errno -2] Name or service not known')': /simple/leftpad-xyz/",
  'ERROR: Could not find a version that satisfies the requirement leftpad-xyz (from versions: none)',
  'ERROR: No matching distribution found for leftpad-xyz',
].join('\n');
const refused =
  "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused')': /simple/x/";
const notFound = [
  'Looking in indexes: https://pypi.org/simple',
  'ERROR: Could not find a version that satisfies the requirement loki-absent==9.9 (from versions: none)',
  'ERROR: No matching distribution found for loki-absent==9.9',
].join('\n');

describe('pipIndexProblem', () => {
  it('says why the index could not be reached', () => {
    expect(pipIndexProblem(noDns)).toBe(
      'the package index is unreachable (its host name does not resolve)',
    );
    expect(pipIndexProblem(refused)).toBe(
      'the package index is unreachable (the connection was refused)',
    );
  });

  it('says nothing when the index answered that the package does not exist', () => {
    expect(pipIndexProblem(notFound)).toBeNull();
  });
});
