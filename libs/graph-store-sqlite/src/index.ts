export {
  DEFAULT_MAX_BATCH_CALLS,
  createSqliteGraphStore,
  type SqliteGraphStoreOptions,
  type SqliteStoreLogger,
  type WriteBatchInfo,
} from './sqlite-graph-store.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export { artifactIdKey } from './node-keys.ts';
