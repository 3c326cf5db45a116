import { z } from 'zod';
import { pipelineDefinitionSchema } from './schema.ts';
import { DEFINITION_SCHEMA_VERSION } from './types.ts';

/** `$id` of the published schema. */
export const DEFINITION_SCHEMA_ID = `urn:pedigree:pipeline-definition:v${DEFINITION_SCHEMA_VERSION}`;

/**
 * The JSON Schema (draft 2020-12) of a definition document, generated from the zod schemas. It
 * describes what `parseDefinition` accepts (optional fields may be left out); semantic rules
 * (references, cycles, ranges) are beyond JSON Schema and are checked by `validateDefinition`.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(pipelineDefinitionSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: DEFINITION_SCHEMA_ID, ...rest };
}

/** The schema file's text exactly as committed (2-space JSON, trailing newline). */
export function definitionJsonSchemaText(): string {
  return `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
}
