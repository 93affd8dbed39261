// Write schema/*.schema.json and docs/scenario-reference.md from the zod schemas.
import { writeFileSync } from 'node:fs';
import { jsonSchema, renderAllReferences, SCHEMAS } from '../dist/core/scenario/reference.js';

for (const name of Object.keys(SCHEMAS))
  writeFileSync(`schema/${name}.schema.json`, JSON.stringify(jsonSchema(name), null, 2) + '\n');
writeFileSync('docs/scenario-reference.md', renderAllReferences());
console.log('wrote schema/*.schema.json and docs/scenario-reference.md');
