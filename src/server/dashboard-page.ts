import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';

/** The dashboard: one self-contained page (markup, style, script, charts drawn as inline SVG). */
const page = readFileSync(new URL('./dashboard.html', import.meta.url), 'utf8');

// The page's only script is allowed by its hash, so nothing else can run in it, not even
// markup slipped into a PRD title or a finding (the script also never parses data as markup).
const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'sha256-${scriptHash}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the dashboard page with a policy that lets only its own script run. */
export function dashboardPage(c: Context): Response {
  c.header('Content-Security-Policy', contentSecurityPolicy);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(page);
}
