/**
 * For each rule of secretlint's recommended preset (short name), text that every secret it
 * reports must contain: its fixed prefix, or the word its pattern is anchored on. A rule runs
 * on a file only when its trigger occurs there, and secretlint runs only when some rule does;
 * most source files contain none, and secretlint's own per-file cost (a line index, about 30
 * full-text regular expressions) was most of the audit's time. Each trigger is read off the
 * rule's patterns in @secretlint/secretlint-rule-preset-recommend 13.1 and is case-insensitive
 * where the rule is. A rule missing from this table (a newer preset) always runs, and
 * `secretlint-triggers.test.ts` checks every rule still finds its own examples through here.
 */
export const secretlintTriggers: Readonly<Record<string, RegExp>> = {
  aws: /secret_?access/i,
  gcp: /PRIVATE KEY/,
  privatekey: /PRIVATE KEY/,
  npm: /x-oauth-basic|_authToken|npm_/,
  basicauth: /:\/\/[^\s/:@]+:[^\s/@]+@/,
  slack: /xox|xapp|hooks\.slack\.com/i,
  sendgrid: /SG\./,
  shopify: /shp(?:pa|ca|at|ss)_/,
  stripe: /[sr]k_(?:live|test)_/,
  github: /gh[pousr]_|github_pat_/,
  gitlab: /glpat-/,
  grafana: /gl(?:c|sa)_/,
  openai: /sk-/,
  anthropic: /sk-ant-/,
  groq: /gsk_/,
  huggingface: /hf_/,
  linear: /lin_api_/,
  notion: /ntn_/,
  '1password': /ops_ey/,
  'database-connection-string': /(?:mongodb|mysql|postgres)[\w+]{0,5}:\/\//i,
  'hashicorp-vault': /hv[sbr]\./,
  vercel: /vc[pirak]_/,
  databricks: /dapi/,
  docker: /dckr_pat_/,
  figma: /figd_/,
  cloudflare: /cf(?:k|ut|at)_/,
  tailscale: /tskey-/,
};

/**
 * Rules that report nothing themselves but shape what others report (`secretlint-disable`
 * comments): they run whenever any other rule does.
 */
export const secretlintFilterRules: ReadonlySet<string> = new Set(['filter-comments']);

// Most triggers end in a separator (`ghp_`, `glpat-`, `SG.`, `mongodb:`): looking for the
// separator and then behind it is several times faster than an alternation of 30 words tried
// at every position. The rest are fast on their own.
const endingInSeparator =
  /[-_.:](?<=(?:x-oauth-|npm_|SG\.|shp(?:pa|ca|at|ss)_|[sr]k_(?:live|test)_|gh[pousr]_|github_pat_|glpat-|gl(?:c|sa)_|sk-|gsk_|hf_|lin_api_|ntn_|ops_|hv[sbr]\.|vc[pirak]_|dckr_pat_|figd_|cf(?:k|ut|at)_|tskey-|(?i:xox[a-z]-|xapp-|hooks\.|(?:mongodb|mysql|postgres)[\w+]{0,5}:)))|_(?=authToken)/;
const otherTriggers = [/PRIVATE KEY/, /dapi/, /secret_?access/i, /:\/\/[^\s/:@]+:[^\s/@]+@/];

/**
 * Whether any rule's trigger may occur in a text, in a few fast passes: false means no rule
 * of the table needs to run. It matches whatever some trigger matches (a superset), as
 * `secretlint-triggers.test.ts` checks.
 */
export function mayContainTrigger(text: string): boolean {
  return endingInSeparator.test(text) || otherTriggers.some((trigger) => trigger.test(text));
}
