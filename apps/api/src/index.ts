export { createSchema, printMergedSchema } from './schema.ts';
export { createApi, GRAPHQL_PATH, type ApiApp, type CreateApiOptions } from './server/create-yoga.ts';
export { createServer, type CreateServerOptions, type PedigreeServer } from './server/create-server.ts';
export { toExecutionControl } from './modules/execution/executor-control.ts';
export type { ExecutionControl } from './modules/execution/execution-control.ts';
