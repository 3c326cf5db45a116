import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type * as RuntimeModule from '@pedigree/runtime';
import type { PedigreeConfig, Runtime } from '@pedigree/runtime';
import { usageError } from './errors.ts';
import type { Output } from './output.ts';

/** Options every command accepts (defined on the program, usable before or after the command name). */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly verbose?: boolean;
  /** A Pedigree server's base URL: commands then go through its GraphQL API (see remote/). */
  readonly server?: string;
  /** API token for `server`. */
  readonly token?: string;
}

export interface CommandContext {
  readonly out: Output;
  readonly globals: GlobalOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly toolVersion: string;
}

/**
 * The configuration the CLI runs with: the environment (see docs/cli.md), `--data-dir` over
 * `PEDIGREE_DATA_DIR`, and never the demo (a CLI call must not start the iris run the server does).
 * Throws CONFIGURATION_INVALID naming the variable.
 */
export async function cliConfig(
  ctx: CommandContext,
  overrides: Partial<Pick<PedigreeConfig, 'projectRoot'>> = {},
): Promise<PedigreeConfig> {
  const { loadConfig } = await loadRuntimeModule();
  const env: Record<string, string | undefined> = { ...ctx.env, PEDIGREE_DEMO: 'false' };
  if (ctx.globals.dataDir !== undefined) env.PEDIGREE_DATA_DIR = ctx.globals.dataDir;
  const config = loadConfig(env);
  return { ...config, ...overrides };
}

/**
 * Opens the runtime (the composition root builds the store, artifact store and executor), runs
 * `fn` and closes it. Logs go to stderr, and only with --verbose or an explicit LOG_LEVEL, so
 * stdout carries results only.
 */
export async function withRuntime<T>(
  ctx: CommandContext,
  fn: (runtime: Runtime) => Promise<T>,
  overrides: Partial<Pick<PedigreeConfig, 'projectRoot'>> = {},
  options: { readonly create?: boolean } = {},
): Promise<T> {
  const config = await cliConfig(ctx, overrides);
  const named = ctx.globals.dataDir !== undefined ? '--data-dir' : 'PEDIGREE_DATA_DIR';
  const found = await stat(config.dataDir).catch(() => null);
  if (found && !found.isDirectory()) throw usageError(`${named} ${config.dataDir} is a file, not a directory`);
  if (!options.create && !(await hasEmbeddedStore(config))) {
    // A read must not leave an empty store behind in whatever directory it was typed in.
    throw usageError(`no Pedigree data in ${config.dataDir} (pass --data-dir or set PEDIGREE_DATA_DIR, or run a pipeline first)`);
  }
  const level = ctx.globals.verbose ? 'debug' : ctx.env.LOG_LEVEL ? config.logLevel : 'silent';
  const { createLogger, createRuntime } = await loadRuntimeModule();
  const logger = createLogger({ level, destination: process.stderr, base: { service: 'cli' } });
  const runtime = await createRuntime(config, { logger });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** False when the configured store is the embedded one and its database does not exist yet. */
export async function hasEmbeddedStore(config: PedigreeConfig): Promise<boolean> {
  const { SQLITE_FILE } = await loadRuntimeModule();
  return config.store !== 'sqlite' || existsSync(path.join(config.dataDir, SQLITE_FILE));
}

/**
 * The runtime (store drivers, executor, logger) loads on first use: it is most of the start-up
 * time, and help, usage errors and file checks do not need it.
 */
function loadRuntimeModule(): Promise<typeof RuntimeModule> {
  return import('@pedigree/runtime');
}
