export type { GraphStore } from './graph-store.ts';
export * from './types.ts';
