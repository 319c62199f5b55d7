import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

// Written as separate files so each reads as one concern; served as one self-contained page
// (markup, style, scripts, charts drawn as inline SVG), with no other request to make.
const scripts = ['dashboard-common.html', 'dashboard-run.html', 'dashboard-views.html'].map(read);
const page = read('./dashboard.html').replace('<!-- scripts -->', () => scripts.join('\n'));

// Only the page's own scripts may run, allowed by their hashes: markup slipped into a PRD
// title or a finding could not run even if it reached the page (the scripts never parse data
// as markup anyway).
const scriptHashes = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
  (match) => `'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`,
);
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${scriptHashes.join(' ')}`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the dashboard page with a policy that lets only its own scripts run. */
export function dashboardPage(c: Context): Response {
  c.header('Content-Security-Policy', contentSecurityPolicy);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(page);
}
