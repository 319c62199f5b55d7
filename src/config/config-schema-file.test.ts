import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-json-schema.ts';

describe('the published config JSON schema', () => {
  it('is the one generated from the zod schema (run npm run schema after changing it)', () => {
    const published: unknown = JSON.parse(
      readFileSync(new URL('../../schema/loki.config.schema.json', import.meta.url), 'utf8'),
    );
    expect(published).toEqual(configJsonSchema());
  });
});
