import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { runSecretlint } from './secretlint-scan.ts';
import {
  mayContainTrigger,
  secretlintFilterRules,
  secretlintTriggers,
} from './secretlint-triggers.ts';
import { alphanumeric, base64, randomToken, upperAlphanumeric } from './test-support.ts';

const hex = '0123456789abcdef';
const digits = '0123456789';
const token = (seed: number, length: number, alphabet = alphanumeric) =>
  randomToken(seed, length, alphabet);

/** One credential per rule of the preset (rule short name → text), as the rule's patterns read. */
const samples: Record<string, string> = {
  aws: `AWS_SECRET_ACCESS_KEY="${token(1, 40, base64)}"`,
  privatekey: `-----BEGIN RSA PRIVATE KEY-----\nMII${token(2, 200, base64)}\n-----END RSA PRIVATE KEY-----`,
  npm: `npm_${token(3, 36)}`,
  basicauth: `https://deploy:${token(4, 16)}@registry.acme.io/path`,
  slack: `xoxb-${token(5, 12, digits)}-${token(6, 13, digits)}-${token(7, 24)}`,
  sendgrid: `SG.${token(8, 22)}.${token(9, 43)}`,
  shopify: `shpat_${token(10, 32, hex)}`,
  stripe: `sk_live_${token(11, 32)}`,
  github: `ghp_${token(12, 36)}`,
  gitlab: `glpat-${token(13, 20)}`,
  grafana: `glsa_${token(14, 32)}_${token(15, 8, hex)}`,
  openai: `sk-proj-${token(16, 74)}T3BlbkFJ${token(17, 74)}`,
  anthropic: `sk-ant-api03-${token(18, 93)}AA`,
  groq: `gsk_${token(19, 52)}`,
  huggingface: `hf_${token(20, 34, alphanumeric.slice(0, 52))}`,
  linear: `lin_api_${token(21, 40)}`,
  notion: `ntn_${token(22, 11, digits)}${token(23, 35)}`,
  'database-connection-string': `postgres://app:${token(24, 18)}@db.acme.io:5432/app`,
  'hashicorp-vault': `hvs.${token(25, 95)}`,
  vercel: `vcp_${token(26, 40)}`,
  databricks: `dapi${token(27, 32, hex)}`,
  docker: `dckr_pat_${token(28, 27)}`,
  figma: `figd_${token(29, 40)}`,
  cloudflare: `cfut_${token(30, 40)}${token(31, 8, hex)}`,
  tailscale: `tskey-api-${token(32, 12)}-${token(33, 30)}`,
  // A service account key file: the rule reads the whole file as JSON.
  gcp: JSON.stringify({
    type: 'service_account',
    private_key_id: token(34, 40, hex),
    private_key: `-----BEGIN PRIVATE KEY-----\nMII${token(35, 200, base64)}\n-----END PRIVATE KEY-----\n`,
    client_email: 'deploy@acme.iam.gserviceaccount.com',
  }),
};

describe('secretlint triggers', () => {
  it('name every reporting rule of the preset', () => {
    const names = rules.map((rule) => rule.meta.id.replace('@secretlint/secretlint-rule-', ''));
    const untriggered = names.filter(
      (name) => !(name in secretlintTriggers) && !secretlintFilterRules.has(name),
    );
    expect(untriggered).toEqual([]);
  });

  it.each(Object.entries(samples))(
    'let the %s rule find its secret, as running every rule does',
    async (rule, sample) => {
      const [file, text] =
        rule === 'gcp' ? ['key.json', sample] : ['sample.ts', `const value = "${sample}";\n`];
      const everyRule = await runSecretlint(file, text, true);
      expect(everyRule.map((hit) => hit.rule)).toContain(rule);
      expect(await runSecretlint(file, text)).toEqual(everyRule);
      expect(mayContainTrigger(text)).toBe(true);
      if (secretlintTriggers[rule]) expect(secretlintTriggers[rule].test(text)).toBe(true);
    },
  );

  it('skip secretlint for ordinary code', async () => {
    const text = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    expect(mayContainTrigger(text)).toBe(false);
    expect(await runSecretlint('add.ts', text)).toEqual([]);
  });

  it('run secretlint whenever a case-insensitive trigger matches in another case', () => {
    expect(mayContainTrigger('AWS_SECRET_ACCESS_KEY=x')).toBe(true);
    expect(mayContainTrigger('url = "MONGODB://host"')).toBe(true);
    expect(mayContainTrigger('see HOOKS.SLACK.COM')).toBe(true);
    expect(mayContainTrigger(`XOXB-${upperAlphanumeric}`)).toBe(true);
  });
});
