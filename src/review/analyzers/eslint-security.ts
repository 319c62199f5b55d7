import { Linter } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import type { ReviewSeverity } from '../review-finding.ts';
import { javascriptExtensions, type AnalyzerFinding, type SourceSet } from './analyzer-finding.ts';

/**
 * How bad each rule of eslint-plugin-security is when it fires in a product. Rules the guard
 * covers better (bidi characters) or that fire on nearly every object access
 * (detect-object-injection) are off: a reviewer drowning in noise misses the real finding.
 */
const ruleSeverities: Record<string, ReviewSeverity | 'off'> = {
  'detect-eval-with-expression': 'critical',
  'detect-child-process': 'high',
  'detect-disable-mustache-escape': 'high',
  'detect-non-literal-require': 'medium',
  'detect-unsafe-regex': 'medium',
  'detect-possible-timing-attacks': 'medium',
  'detect-pseudoRandomBytes': 'medium',
  'detect-buffer-noassert': 'medium',
  'detect-new-buffer': 'medium',
  'detect-no-csrf-before-method-override': 'medium',
  'detect-non-literal-fs-filename': 'low',
  'detect-non-literal-regexp': 'low',
  'detect-object-injection': 'off',
  'detect-bidi-characters': 'off',
};

const securityRules = Object.fromEntries(
  Object.keys((security as { rules: Record<string, unknown> }).rules).map((rule) => [
    `security/${rule}`,
    ruleSeverities[rule] === 'off' ? 'off' : 'warn',
  ]),
) as Linter.RulesRecord;

// Built in code, not read from the product: the product's own ESLint config is not trusted
// to decide what the security reviewer sees.
const config: Linter.Config[] = [
  {
    files: ['**/*.{js,mjs,cjs,jsx}'],
    plugins: { security: security as never },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: securityRules,
  },
  {
    files: ['**/*.{ts,mts,cts,tsx}'],
    plugins: { security: security as never },
    languageOptions: { parser: tseslint.parser },
    rules: securityRules,
  },
];

/** eslint-plugin-security's rules over the JavaScript and TypeScript files of a source set. */
export function analyzeWithEslintSecurity(sources: SourceSet): AnalyzerFinding[] {
  const linter = new Linter({ configType: 'flat' });
  const findings: AnalyzerFinding[] = [];
  for (const [file, text] of sources.files) {
    if (!javascriptExtensions.test(file)) continue;
    for (const message of linter.verify(text, config, { filename: file })) {
      // A file ESLint cannot parse is the other reviewers' and the tests' concern.
      if (message.ruleId === null || !message.ruleId.startsWith('security/')) continue;
      const rule = message.ruleId.slice('security/'.length);
      const severity = ruleSeverities[rule];
      findings.push({
        reviewer: 'security',
        severity: severity === undefined || severity === 'off' ? 'medium' : severity,
        file,
        line: message.line,
        title: message.message,
        detail: `eslint-plugin-security ${rule}: ${message.message}. Check that no value from a request reaches this call unvalidated.`,
        rule: `eslint/${message.ruleId}`,
      });
    }
  }
  return findings;
}
