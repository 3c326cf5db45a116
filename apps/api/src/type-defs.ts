import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The schema modules, in the order their SDL is merged (common first: it declares the root types). */
export const SCHEMA_MODULES = [
  'common',
  'pipeline',
  'execution',
  'artifact',
  'lineage',
  'model',
  'admin',
  'schedule',
  'openlineage',
] as const;

/** The SDL of every module, read from `src/modules/<module>/<module>.graphql`. */
export function loadTypeDefs(): string[] {
  return SCHEMA_MODULES.map((module) =>
    readFileSync(fileURLToPath(new URL(`./modules/${module}/${module}.graphql`, import.meta.url)), 'utf8'),
  );
}
