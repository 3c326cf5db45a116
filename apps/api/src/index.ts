export { createSchema, printMergedSchema } from './schema.ts';
