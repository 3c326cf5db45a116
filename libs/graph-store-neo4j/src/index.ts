export { createNeo4jGraphStore, type Neo4jGraphStoreOptions, type Neo4jStoreLogger } from './neo4j-graph-store.ts';
export { neo4jConfigFromEnv, type Neo4jConfig } from './config.ts';
export type { DriverLike, SessionLike, TransactionLike } from './driver-port.ts';
export { GRAPH_SCHEMA_VERSION } from './graph-model.ts';
