/** The committed JSON Schemas and parameter reference match the zod schemas (schema drift check). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchema, renderAllReferences, SCHEMAS, type SchemaName } from '../src/core/scenario/reference.js';

describe('schema drift (run `npm run schema` after changing a schema)', () => {
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    it(`schema/${name}.schema.json is current`, () => {
      expect(JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8'))).toEqual(jsonSchema(name));
    });
  }
  it('docs/scenario-reference.md is current', () => {
    expect(readFileSync('docs/scenario-reference.md', 'utf8')).toBe(renderAllReferences());
  });
});
