// The dashboard in a real headless Chromium (Debian's package, driven by playwright-core).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoki, cleanEnvironment, createWorkspace } from '../cli/testing/run-loki.ts';
import { SqliteMemoryStore, type MemoryStore } from '../memory/index.ts';
import { startServer, type RunningServer } from './start-server.ts';
import { recordJournalOfRuns, type RecordedJournal } from './testing.ts';

const chromiumPath = '/usr/bin/chromium';
const artifacts =
  process.env['LOKI_TEST_ARTIFACTS'] ??
  join(import.meta.dirname, '..', '..', '.loki', 'test-artifacts');

/** A two-task plan whose first task takes a few seconds (a real command), so it can be watched. */
const slowSession = {
  description: 'A slow two-task run for the dashboard test.',
  replies: [
    {
      match: { stage: 'decomposition' },
      object: {
        summary: 'An API note, then its README.',
        tasks: [
          {
            id: 'api',
            name: 'Describe the API',
            role: 'docs',
            description: 'Write API.md',
            acceptanceCriteria: ['API.md exists'],
            dependsOn: [],
          },
          {
            id: 'docs',
            name: 'Write the README',
            role: 'docs',
            description: 'Write README.md',
            acceptanceCriteria: ['README.md exists'],
            dependsOn: ['api'],
          },
        ],
      },
    },
    {
      match: { agent: 'task:api' },
      toolCalls: [{ name: 'run_command', input: { command: 'sleep 4' } }],
    },
    {
      match: { agent: 'task:api' },
      toolCalls: [
        { name: 'write_file', input: { path: 'API.md', content: '# API\n' } },
        { name: 'finish', input: { summary: 'API.md written' } },
      ],
    },
    {
      match: { agent: 'task:docs' },
      toolCalls: [
        { name: 'write_file', input: { path: 'README.md', content: '# Slow\n' } },
        { name: 'finish', input: { summary: 'README.md written' } },
      ],
    },
  ],
};

let recorded: RecordedJournal;
let memory: MemoryStore;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  recorded = await recordJournalOfRuns();
  const workspace = createWorkspace();
  memory = SqliteMemoryStore.open(join(workspace.cwd, 'memory.db'));
  await memory.write({ type: 'learned_lesson', content: 'Validate request bodies with zod' });
  await memory.write({ type: 'learned_lesson', content: 'Close database handles in finally' });
  server = await startServer({ journal: recorded.journal, memory, port: 0, pollMs: 100 });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await memory?.close();
  recorded?.cleanUp();
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}

describe('the dashboard in headless Chromium [slow]', () => {
  it('is installed where the test expects it', () => {
    expect(existsSync(chromiumPath)).toBe(true);
  });

  it('lists the recorded runs, opens one, and shows its stages, task graph and gates', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/`);
    const rows = page.locator('#runs-body tr[data-run]');
    await rows.nth(3).waitFor();
    expect(await rows.count()).toBe(4);
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([
      'Shop',
      'Todo',
      'Broken',
      'Notes',
    ]);
    expect(await rows.nth(2).locator('.status').textContent()).toBe('failed');

    await rows.first().click();
    await page.locator('[data-testid="run-view"]:not([hidden])').waitFor();
    await page.locator('[data-task="readme"][data-state="done"]').waitFor();
    expect(await page.locator('#run-head h2').textContent()).toContain('Shop');
    expect(await page.locator('[data-stage="security-audit"]').textContent()).toBe(
      'Security audit: done',
    );
    expect(await page.locator('#run-gates').textContent()).toContain('audit');
    expect(await page.locator('#run-agents').textContent()).toContain('task:readme');
    // The event log replays the run's events from the journal.
    await page.locator('#event-log li[data-type="run-finished"]').waitFor();
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  });

  it('charts success, cost and time across runs, and browses memory', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/#/stats`);
    await page.locator('[data-stat="success"] b').waitFor();
    expect(await page.locator('[data-stat="success"] b').textContent()).toBe('75 %');
    expect(await page.locator('[data-stat="runs"] b').textContent()).toBe('4');
    // One bar per day for success, one per run for cost and time.
    expect(await page.locator('#chart-success rect').count()).toBe(4);
    expect(await page.locator('#chart-cost rect').count()).toBe(4);
    expect(await page.locator('#chart-time rect').count()).toBe(4);

    await page.click('nav a[data-view="memory"]');
    await page.fill('#memory-query', 'zod');
    await page.click('#memory-form button');
    await expect
      .poll(() => page.locator('#memory-items tr td:nth-child(4)').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(['Validate request bodies with zod']);
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  });

  it('with a token, asks for it, then uses the one given in the address and keeps it out of the address', async () => {
    const token = 'browser-test-token-0123456789';
    const guarded = await startServer({ journal: recorded.journal, port: 0, token });
    const page = await browser.newPage();
    try {
      await page.goto(`${guarded.url}/`);
      await page.locator('#token-form:not([hidden])').waitFor();
      expect(await page.locator('#notice').textContent()).toContain('needs its token');

      await page.goto(`${guarded.url}/#token=${token}`);
      await page.locator('#runs-body tr[data-run]').nth(3).waitFor();
      expect(page.url()).not.toContain(token);
    } finally {
      await page.close();
      await guarded.close();
    }
  });

  it('follows a run that another process is working on: tasks change state and live events appear', async () => {
    const { cwd, home } = createWorkspace();
    const sessionPath = join(cwd, 'slow-session.json');
    writeFileSync(sessionPath, JSON.stringify(slowSession));
    writeFileSync(join(cwd, 'PRD.md'), '# Slow product\n\nAn API note and a README.\n');
    const page = await openPage();
    await page.goto(`${server.url}/#/runs`);
    await page.locator('#runs-body tr[data-run]').nth(3).waitFor();

    const child = startLoki(
      [
        'run',
        'PRD.md',
        '--model',
        `scripted/${sessionPath}`,
        '--out',
        'product',
        '--journal',
        recorded.journal.path,
      ],
      { cwd, env: cleanEnvironment(home) },
    );
    child.stdin?.end();
    try {
      // The runs list refreshes itself: the new run appears, running.
      const running = page.locator('#runs-body tr[data-run]', { hasText: 'Slow product' });
      await running.locator('.status', { hasText: 'running' }).waitFor({ timeout: 20_000 });
      await running.click();
      await page.locator('[data-task="api"][data-state="running"]').waitFor({ timeout: 20_000 });
      const seenBefore = await page.locator('#event-log li').count();
      expect(await page.locator('[data-task="docs"]').getAttribute('data-state')).toBe('pending');

      // Events the other process writes arrive over the stream while the page stays open.
      await page
        .locator('#event-log li[data-type="task-finished"]')
        .first()
        .waitFor({ timeout: 30_000 });
      await page.locator('[data-task="docs"][data-state="done"]').waitFor({ timeout: 30_000 });
      await page
        .locator('#run-head .status', { hasText: 'succeeded' })
        .waitFor({ timeout: 30_000 });
      expect(await page.locator('#event-log li').count()).toBeGreaterThan(seenBefore);
      // The stream's end may reach the page a moment after the run's status does.
      await page
        .locator('#live-state', { hasText: 'run ended' })
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      expect(await page.locator('#live-state').textContent()).toBe('(run ended: succeeded)');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'dashboard-live-run.png'), fullPage: true });
      expect((page as Page & { problems: string[] }).problems).toEqual([]);
    } finally {
      const result = await child.result;
      expect(result.code, result.stderr).toBe(0);
      await page.close();
    }
  }, 120_000);
});
