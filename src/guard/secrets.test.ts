import { describe, expect, it } from 'vitest';
import { scanDirectory } from './scan-directory.ts';
import { base64, randomToken, upperAlphanumeric, writeTree } from './test-support.ts';

const digits = '0123456789';
const lowerHex = '0123456789abcdef';
const urlSafe = `${base64.slice(0, 62)}-_`;

// Secret-shaped values of each well-known format, made up (random, reproducible) in the test
// run: see test-support.ts for why none is written out in this file.
const secrets = {
  awsKeyId: `AKIA${randomToken(11, 16, upperAlphanumeric)}`,
  awsSecret: randomToken(12, 40, base64),
  github: `ghp_${randomToken(13, 36)}`,
  githubFineGrained: `github_pat_${randomToken(14, 82)}`,
  slack: `xoxb-${randomToken(15, 12, digits)}-${randomToken(16, 13, digits)}-${randomToken(17, 24)}`,
  stripe: `sk_live_${randomToken(18, 32)}`,
  google: `AIza${randomToken(19, 35, urlSafe)}`,
  postgresPassword: randomToken(20, 18),
  mysqlPassword: randomToken(21, 16),
  mongoPassword: randomToken(22, 20),
  jwt: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${randomToken(23, 60, urlSafe)}.${randomToken(24, 43, urlSafe)}`,
  apiKey: randomToken(25, 32, lowerHex),
  clientSecret: randomToken(26, 40),
  envToken: randomToken(27, 32),
  pemBody: Array.from({ length: 20 }, (_, line) => randomToken(100 + line, 64, base64)).join('\n'),
};

const pem = (body: string) =>
  `-----BEGIN RSA PRIVATE KEY-----\nMII${body.slice(3)}\n-----END RSA PRIVATE KEY-----\n`;

const corpus: Record<string, string> = {
  'src/aws.ts': [
    `export const accessKeyId = '${secrets.awsKeyId}';`,
    `export const aws_secret_access_key = '${secrets.awsSecret}';`,
  ].join('\n'),
  'src/tokens.js': [
    `const token = "${secrets.github}";`,
    `const fineGrained = "${secrets.githubFineGrained}";`,
    `const slackToken = "${secrets.slack}";`,
    `const stripeKey = "${secrets.stripe}";`,
    `const mapsKey = "${secrets.google}";`,
  ].join('\n'),
  'config/database.py': [
    `DATABASE_URL = "postgres://app:${secrets.postgresPassword}@db.internal.acme.io:5432/app"`,
    `MYSQL_URL = "mysql://root:${secrets.mysqlPassword}@10.1.2.3:3306/shop"`,
    `MONGO_URL = "mongodb+srv://admin:${secrets.mongoPassword}@cluster0.ab1cd.mongodb.net/prod"`,
  ].join('\n'),
  'src/session.ts': `export const authToken = "${secrets.jwt}";\n`,
  'src/settings.py': `api_key = "${secrets.apiKey}"\n`,
  'config/oauth.json': `{ "client_id": "web", "client_secret": "${secrets.clientSecret}" }\n`,
  '.env': `PORT=3000\nSERVICE_TOKEN=${secrets.envToken}\n`,
  '.env.example': 'PORT=3000\nSERVICE_TOKEN=\n',
  'deploy/id_rsa': pem(secrets.pemBody),
  'certs/server.pem': pem(secrets.pemBody.split('').reverse().join('')),
};

/** Where each secret must be found: file, line, and the rule that finds it. */
const expected: [file: string, line: number, ruleId: string][] = [
  ['src/aws.ts', 1, 'secret.aws-access-key-id'],
  ['src/aws.ts', 2, 'secret.aws'],
  ['src/tokens.js', 1, 'secret.github'],
  ['src/tokens.js', 2, 'secret.github'],
  ['src/tokens.js', 3, 'secret.slack'],
  ['src/tokens.js', 4, 'secret.stripe'],
  ['src/tokens.js', 5, 'secret.google-api-key'],
  ['config/database.py', 1, 'secret.database-connection-string'],
  ['config/database.py', 2, 'secret.database-connection-string'],
  ['config/database.py', 3, 'secret.database-connection-string'],
  ['src/session.ts', 1, 'secret.high-entropy-assignment'],
  ['src/settings.py', 1, 'secret.high-entropy-assignment'],
  ['config/oauth.json', 1, 'secret.high-entropy-assignment'],
  ['.env', 1, 'secret.env-file'],
  ['.env', 2, 'secret.high-entropy-assignment'],
  ['deploy/id_rsa', 1, 'secret.private-key-file'],
  ['deploy/id_rsa', 1, 'secret.privatekey'],
  ['certs/server.pem', 1, 'secret.privatekey'],
];

describe('secrets', () => {
  it('finds every format of the corpus, where it is, and fails the audit', async () => {
    const root = writeTree(corpus);
    const report = await scanDirectory(root, { workers: 0 });
    const found = report.findings.map((finding) => [finding.file, finding.line, finding.ruleId]);
    for (const place of expected) expect(found).toContainEqual(place);
    expect(report.findings.every((finding) => finding.category === 'secret')).toBe(true);
    expect(report.findings.filter((finding) => finding.severity === 'low')).toEqual([]);
    expect(report.passed).toBe(false);
  });

  it('never puts a secret into the report, only its first four characters and length', async () => {
    const root = writeTree(corpus);
    const report = await scanDirectory(root, { workers: 0 });
    const text = JSON.stringify(report);
    for (const secret of Object.values(secrets)) {
      expect(text).not.toContain(secret.slice(4, 16));
    }
    const github = report.findings.find((finding) => finding.ruleId === 'secret.github')!;
    expect(github.message).toContain('ghp_…(40 chars)');
  });

  it('leaves an example environment file, placeholders and environment lookups alone', async () => {
    const root = writeTree({
      '.env.example': 'API_TOKEN=\nDB_PASSWORD=changeme\n',
      'src/config.ts': [
        'export const apiKey = process.env.API_KEY;',
        "export const clientSecret = '<your-client-secret>';",
        "export const password = '${DB_PASSWORD}';",
        "export const nextToken = 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4';",
        "export const tokenizer = 'WordPieceTokenizer2024';",
      ].join('\n'),
    });
    const report = await scanDirectory(root, { workers: 0 });
    expect(report.findings).toEqual([]);
  });

  it('judges a credential URL by its password and host, not by names in it', async () => {
    const url = `postgres://test:${secrets.postgresPassword}@test-db.acme.io:5432/test`;
    const report = await scanDirectory(writeTree({ 'db.py': `URL = "${url}"\n` }), { workers: 0 });
    expect(report.findings.map((finding) => finding.severity)).toEqual(['critical']);
  });

  it('keeps test fixtures and local credentials visible but at low severity', async () => {
    const root = writeTree({
      'test/fixtures.ts': [
        "export const fakeKey = 'AKIAABCDEFGHIJKLMNOP';",
        `export const url = 'postgres://loki:${secrets.postgresPassword}@127.0.0.1:5432/test';`,
      ].join('\n'),
    });
    const report = await scanDirectory(root, { workers: 0 });
    expect(report.findings.map((finding) => [finding.line, finding.severity])).toEqual([
      [1, 'low'],
      [2, 'low'],
    ]);
    expect(report.passed).toBe(true);
  });
});
