import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createLocalArtifactStore, type ArtifactStore } from '@pedigree/artifact-store';
import { ConfigurationError } from '@pedigree/domain';
import { createExecutor, type Executor } from '@pedigree/executor';
import type { GraphStore } from '@pedigree/graph-store';
import { createNeo4jGraphStore } from '@pedigree/graph-store-neo4j';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { createOpenLineageEmitter, type OpenLineageEmitter } from '@pedigree/openlineage';
import type { PedigreeConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';

/** Everything an application (the API, the CLI) needs, built from one configuration. */
export interface Runtime {
  readonly config: PedigreeConfig;
  readonly logger: Logger;
  readonly store: GraphStore;
  readonly artifacts: ArtifactStore;
  readonly executor: Executor;
  /** Sends OpenLineage events of every execution and step; null unless `PEDIGREE_OPENLINEAGE_URL` is set. */
  readonly openLineage: OpenLineageEmitter | null;
  /**
   * Closes the executor's runners, flushes the OpenLineage emitter (at most `openLineageFlushMs`),
   * then closes the store. Idempotent. Running executions stay resumable.
   */
  close(): Promise<void>;
}

export interface CreateRuntimeOptions {
  /** Default: a pino JSON logger at `config.logLevel` on standard output. */
  readonly logger?: Logger;
  /** How long `close` waits for OpenLineage events still queued; default 5,000 ms. */
  readonly openLineageFlushMs?: number;
}

/** Where the embedded store keeps its database inside the data directory. */
export const SQLITE_FILE = 'pedigree.db';
/** Where the local artifact store keeps content inside the data directory. */
export const ARTIFACTS_DIR = 'artifacts';

/**
 * The composition root: the one place that constructs adapters. Picks the graph store
 * (`PEDIGREE_STORE`), opens the local artifact store and creates the executor over them.
 * Throws STORE_UNAVAILABLE when the store cannot be opened, CONFIGURATION_INVALID for an unusable data directory.
 */
export async function createRuntime(config: PedigreeConfig, options: CreateRuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigurationError('PEDIGREE_DATA_DIR', `cannot create ${config.dataDir}: ${(error as Error).message}`);
  }
  const store = await openStore(config, logger.child({ component: 'store' }));
  try {
    const artifacts = createLocalArtifactStore({ root: path.join(config.dataDir, ARTIFACTS_DIR) });
    const executor = createExecutor({
      store,
      artifacts,
      dataDir: config.dataDir,
      projectRoot: config.projectRoot,
      logger, // the executor names its own component in its log lines
      maxParallelSteps: config.maxParallelSteps,
    });
    let openLineage: OpenLineageEmitter | null = null;
    if (config.openLineage) {
      openLineage = createOpenLineageEmitter({
        url: config.openLineage.url,
        apiKey: config.openLineage.apiKey,
        namespace: config.openLineage.namespace,
        store,
        logger: logger.child({ component: 'openlineage-emitter' }),
      });
      const emitter = openLineage;
      // `observe` only queues: a slow or unreachable endpoint never holds up a step.
      executor.events.on((event) => emitter.observe(event), { types: ['execution-status', 'step-status'] });
    }
    let closing: Promise<void> | null = null;
    logger.info({ store: store.adapter, dataDir: config.dataDir, openLineage: openLineage?.endpoint ?? null }, 'runtime ready');
    return {
      config,
      logger,
      store,
      artifacts,
      executor,
      openLineage,
      close() {
        closing ??= (async () => {
          try {
            await executor.close();
          } finally {
            // Before the store: building a step's COMPLETE event reads its artifacts.
            try {
              await openLineage?.close(options.openLineageFlushMs ?? 5_000);
            } finally {
              await store.close();
            }
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openStore(config: PedigreeConfig, logger: Logger): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    const neo4j = config.neo4j;
    if (!neo4j) throw new ConfigurationError('NEO4J_URI', 'is required when PEDIGREE_STORE=neo4j');
    return createNeo4jGraphStore({ uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: neo4j.database, logger });
  }
  return createSqliteGraphStore({ path: path.join(config.dataDir, SQLITE_FILE), logger });
}
