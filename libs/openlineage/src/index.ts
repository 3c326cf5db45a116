export * from './emitter.ts';
export * from './validate.ts';
export * from './normalize.ts';
export * from './ingest.ts';
