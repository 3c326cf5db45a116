export type { GraphStore } from './graph-store.ts';
export * from './types.ts';
export * from './query-args.ts';
export * from './lineage-derived.ts';
export * from './openlineage-types.ts';
export * from './openlineage-checks.ts';
