import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { definitionJsonSchema } from '../src/definition/json-schema.ts';
import { SCHEMA_FILES, schemaFilePath } from './generate-schema.ts';

describe('committed JSON Schema files', () => {
  it.each(SCHEMA_FILES)('%s matches the zod schemas (run `npx tsx libs/sdk/scripts/generate-schema.ts` if not)', async (file) => {
    const committed = JSON.parse(await readFile(schemaFilePath(file), 'utf8'));
    expect(committed).toEqual(definitionJsonSchema());
  });
});
