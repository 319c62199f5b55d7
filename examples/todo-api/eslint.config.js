// @ts-check
import tseslint from 'typescript-eslint';
import root from '../../eslint.config.js';

/**
 * Loki's own rules, plus what the example needs: `make-session.ts` is type-checked through this
 * folder's tsconfig.json, and `recording/` holds the product's plain JavaScript (Node built-ins,
 * JSDoc types, console logging allowed), linted without type information.
 */
/** @type {Record<string, 'readonly'>} */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'setTimeout',
  ].map((name) => [name, /** @type {const} */ ('readonly')]),
);

export default tseslint.config(...root, {
  files: ['recording/**/*.js'],
  extends: [tseslint.configs.disableTypeChecked],
  languageOptions: { globals: nodeGlobals },
  rules: { 'no-console': 'off', 'no-undef': 'error' },
});
