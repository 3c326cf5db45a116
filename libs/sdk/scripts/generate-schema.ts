/**
 * Writes the JSON Schema of the definition format, generated from the zod schemas, to
 * libs/sdk/schema/ and docs/. Run after changing src/definition/schema.ts:
 *   npx tsx libs/sdk/scripts/generate-schema.ts
 * scripts/schema-drift.test.ts fails while the committed files differ from the code.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { definitionJsonSchemaText } from '../src/definition/json-schema.ts';

const sdkRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the schema is published, relative to libs/sdk. */
export const SCHEMA_FILES = ['schema/pipeline-definition.schema.json', '../../docs/pipeline-definition.schema.json'] as const;

export function schemaFilePath(file: (typeof SCHEMA_FILES)[number]): string {
  return path.resolve(sdkRoot, file);
}

async function main(): Promise<void> {
  for (const file of SCHEMA_FILES) {
    const target = schemaFilePath(file);
    // Formatted as the repository's Prettier would, so `prettier --write` leaves it unchanged.
    const options = (await prettier.resolveConfig(target)) ?? {};
    await writeFile(target, await prettier.format(definitionJsonSchemaText(), { ...options, filepath: target }));
    process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
