export { createSqliteGraphStore, type SqliteGraphStoreOptions, type SqliteStoreLogger } from './sqlite-graph-store.ts';
export { SCHEMA_VERSION } from './migrations.ts';
