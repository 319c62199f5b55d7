// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/**
 * Which modules each module may import: the layering of ARCHITECTURE.md, enforced.
 * Arrows point downward only; a module not listed here may not be imported by that module.
 */
/** @type {Record<string, string[]>} */
const allowedImports = {
  core: [],
  journal: ['core'],
  events: ['core', 'journal'],
  model: ['core', 'journal', 'events'],
  workspace: ['core'],
  stacks: ['core', 'workspace'],
  guard: ['core'],
  memory: ['core'],
  macro: ['core', 'journal', 'events'],
  agents: ['core', 'journal', 'events', 'model', 'workspace', 'stacks', 'guard'],
  review: ['core', 'journal', 'events', 'model', 'workspace', 'stacks', 'guard'],
  mediation: ['core', 'journal', 'events', 'model', 'review'],
  deploy: ['core', 'journal', 'events', 'workspace', 'stacks'],
  config: ['core', 'model', 'events'],
  pipeline: [
    'core',
    'journal',
    'events',
    'model',
    'stacks',
    'workspace',
    'guard',
    'memory',
    'macro',
    'agents',
    'review',
    'mediation',
    'deploy',
    'config',
  ],
};
const doors = ['cli', 'server', 'mcp'];
const everyModule = [...Object.keys(allowedImports), ...doors];
for (const door of doors) {
  allowedImports[door] = Object.keys(allowedImports);
}
// The CLI opens the other doors: `loki serve` starts the server, `loki mcp` the MCP server.
allowedImports['cli']?.push('server', 'mcp');
const layeringZones = Object.entries(allowedImports).flatMap(([module, allowed]) =>
  everyModule
    .filter((other) => other !== module && !allowed.includes(other))
    .map((other) => ({
      target: `./src/${module}`,
      from: `./src/${other}`,
      message: `src/${module} may not import src/${other}: imports point downward only (see ARCHITECTURE.md).`,
    })),
);

const bareBuiltins = builtinModules.filter(
  (name) => !name.startsWith('_') && !name.startsWith('node:'),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '.loki/', '.loki-demo/', 'examples/**/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver()] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layeringZones }],
      'no-restricted-imports': [
        'error',
        {
          paths: bareBuiltins.map((name) => ({
            name,
            message: `import "node:${name}" instead: built-ins carry the node: protocol.`,
          })),
        },
      ],
      'no-console': 'error',
      // TypeScript checks undefined names (and knows Node's globals); ESLint's copy does not.
      'no-undef': 'off',
    },
  },
  {
    files: ['src/cli/**', 'bin/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  prettier,
);
