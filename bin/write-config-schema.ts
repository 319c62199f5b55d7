// Writes schema/loki.config.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/config/index.ts';

const target = new URL('../schema/loki.config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
