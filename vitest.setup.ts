import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs deploy what they build: tests keep their deployments out of the user's ~/.loki.
process.env['LOKI_DEPLOYMENTS_DIR'] ??= mkdtempSync(join(tmpdir(), 'loki-test-deployments-'));
