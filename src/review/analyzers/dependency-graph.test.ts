import { describe, expect, it } from 'vitest';
import { gitProject } from '../testing/seeded-project.ts';
import { cruiseDependencies } from './dependency-graph.ts';
import { readProductRules } from './product-rules.ts';

describe('the architecture analyzer (dependency-cruiser)', () => {
  it('applies the layering rules a product declares in .dependency-cruiser.js, at the import line', async () => {
    const files = {
      '.dependency-cruiser.cjs':
        "module.exports = { forbidden: [{ name: 'domain-not-to-http', severity: 'error', from: { path: '^src/domain' }, to: { path: '^src/http' } }] };\n",
      'src/http/server.ts':
        "import { price } from '../domain/price.ts';\nexport const serve = () => price(1);\n",
      'src/domain/price.ts':
        "// Prices.\nimport { serve } from '../http/server.ts';\nexport const price = (n: number) => n * 2;\nexport { serve };\n",
      'src/index.ts': "import { serve } from './http/server.ts';\nserve();\n",
      'test/price.test.ts': "import { price } from '../src/domain/price.ts';\nprice(2);\n",
    };
    const root = gitProject(files);
    const rules = await readProductRules(root);
    expect(rules?.path).toBe('.dependency-cruiser.cjs');
    const texts = new Map(Object.entries(files));
    const graph = await cruiseDependencies(
      root,
      Object.keys(files).filter((file) => file.endsWith('.ts')),
      texts,
      rules!.rules,
    );
    const found = graph.violations.map(
      ({ finding }) => `${finding.rule} ${finding.file}:${finding.line} ${finding.severity}`,
    );
    expect(found).toContain('arch/domain-not-to-http src/domain/price.ts:2 high');
    expect(found.some((line) => line.startsWith('arch/no-circular'))).toBe(true);
    expect(graph.imports.get('src/index.ts')).toEqual(['src/http/server.ts']);
  });
});
