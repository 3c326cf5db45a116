import { createRuntime, createLogger, loadConfig, type PedigreeConfig, type Runtime } from '@pedigree/runtime';
import type { Output } from './output.ts';

/** Options every command accepts (defined on the program, usable before or after the command name). */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly verbose?: boolean;
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
export function cliConfig(ctx: CommandContext, overrides: Partial<Pick<PedigreeConfig, 'projectRoot'>> = {}): PedigreeConfig {
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
): Promise<T> {
  const config = cliConfig(ctx, overrides);
  const level = ctx.globals.verbose ? 'debug' : ctx.env.LOG_LEVEL ? config.logLevel : 'silent';
  const logger = createLogger({ level, destination: process.stderr, base: { service: 'cli' } });
  const runtime = await createRuntime(config, { logger });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
