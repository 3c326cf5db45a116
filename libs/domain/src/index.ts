export * from './errors.ts';
export * from './ids.ts';
export * from './status.ts';
export * from './entities.ts';
export * from './lineage.ts';
export * from './canonical-json.ts';
export * from './digest.ts';
export * from './time.ts';
