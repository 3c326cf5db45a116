import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArtifactStore } from '@pedigree/artifact-store';
import type { Executor } from '@pedigree/executor';
import type { GraphStore } from '@pedigree/graph-store';
import { createRuntime, createSilentLogger, hashToken, loadConfig, type ApiToken, type Logger, type Runtime } from '@pedigree/runtime';
import { toExecutionControl } from '../src/modules/execution/executor-control.ts';
import { createApi, type ApiApp } from '../src/server/create-yoga.ts';

export const TOKENS = {
  viewer: 'viewer-token-0123456789',
  editor: 'editor-token-0123456789',
  admin: 'admin-token-0123456789',
} as const;

export const API_TOKENS: readonly ApiToken[] = [
  { name: 'vera', role: 'viewer', sha256: hashToken(TOKENS.viewer) },
  { name: 'eddie', role: 'editor', sha256: hashToken(TOKENS.editor) },
  { name: 'ada', role: 'admin', sha256: hashToken(TOKENS.admin) },
];

export interface Harness {
  readonly app: ApiApp;
  readonly store: GraphStore;
  readonly artifacts: ArtifactStore;
  readonly executor: Executor;
  readonly dataDir: string;
  readonly runtime: Runtime;
  /** POSTs a GraphQL operation in-process; `token` picks the role (default editor). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: keyof typeof TOKENS | null; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
  }>;
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wrap the real store (e.g. to count calls). */
  readonly wrapStore?: (store: GraphStore) => GraphStore;
  readonly anonymousAccess?: boolean;
  readonly maxBodyBytes?: number;
  readonly corsOrigins?: readonly string[];
  readonly logger?: Logger;
  readonly projectRoot?: string;
}

/**
 * The real runtime (embedded SQLite store in a temp data directory, local artifact store, executor)
 * and the yoga app in-process: no port, no fakes.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pedigree-api-'));
  const config = loadConfig({ PEDIGREE_DATA_DIR: dataDir, PEDIGREE_PROJECT_ROOT: options.projectRoot ?? dataDir, LOG_LEVEL: 'silent' });
  const runtime = await createRuntime(config, { logger: createSilentLogger() });
  const realStore = runtime.store;
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore;
  const { artifacts, executor } = runtime;
  const app = createApi({
    store,
    control: toExecutionControl(executor, realStore, dataDir),
    logger: options.logger ?? createSilentLogger(),
    tokens: API_TOKENS,
    anonymousAccess: options.anonymousAccess ?? false,
    dataDir,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
  });
  const fetchApp = (pathname: string, init?: RequestInit): Promise<Response> =>
    Promise.resolve(app.yoga.fetch(new URL(`http://yoga${pathname}`), init ?? {}));
  return {
    app,
    runtime,
    store,
    artifacts,
    executor,
    dataDir,
    fetch: fetchApp,
    async gql(query, variables, opts = {}) {
      const token = opts.token === undefined ? 'editor' : opts.token;
      const response = await fetchApp('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${TOKENS[token]}` } : {}),
          ...(opts.headers ?? {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async close() {
      app.services.schedules.stop();
      app.services.executions.shutdown();
      await app.yoga.dispose();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
