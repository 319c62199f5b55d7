import { z } from 'zod';
import { lokiConfigSchema } from './config-schema.ts';

/** The JSON schema of `loki.config.json`, as published in `schema/` for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(lokiConfigSchema, { io: 'input' }),
    title: 'Loki configuration (loki.config.json)',
  };
}
