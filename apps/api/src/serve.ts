// The Pedigree service (started by main.ts): reads the configuration, builds the runtime, serves
// HTTP, resumes what a previous process left running and, on an empty store, runs the iris demo once.
import { isPedigreeError } from '@pedigree/domain';
import { createRuntime, createLogger, loadConfig, type Logger } from '@pedigree/runtime';
import { loadIrisDemo, runDemoOnEmptyStore } from './demo.ts';
import { createServer } from './server/create-server.ts';

export async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`pedigree: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const logger: Logger = createLogger({ level: config.logLevel, base: { service: 'pedigree-api' } });
  const runtime = await createRuntime(config, { logger });
  let server;
  try {
    server = createServer(runtime);
  } catch (error) {
    // A setting that cannot be served (HOST without tokens) is the operator's to fix: one clear line
    // on stderr, as for a bad variable above, and a log entry without a stack trace; anything else
    // is logged with its stack.
    if (isPedigreeError(error) && error.code === 'CONFIGURATION_INVALID') {
      process.stderr.write(`pedigree: ${error.message}\n`);
      logger.fatal({ code: error.code, context: error.context }, error.message);
    } else {
      logger.fatal({ err: error }, (error as Error).message);
    }
    logger.flush();
    await runtime.close();
    process.exit(2);
  }

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    await server.close();
    const active = runtime.executor.activeExecutions();
    if (active.length > 0) {
      // Their state is in the store; the next start resumes them (in-flight attempts are retried).
      logger.info({ executions: active }, 'leaving running executions to be resumed at the next start');
      await runtime.store.close();
    } else {
      await runtime.close();
    }
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  // Installed before the server listens: a signal at any moment after (while the demo module loads,
  // say) is a graceful stop, never the default action's abrupt exit (code 143).
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const url = await server.listen();
  logger.info({ url, graphql: `${url}/graphql`, store: runtime.store.adapter, dataDir: config.dataDir }, 'pedigree is listening');

  // Resume after listening, in the background: a store holding many executions left running must
  // not delay serving what is already in it (the service promises to be ready within 60 s).
  runtime.executor
    .resume()
    .then((resumed) => {
      if (resumed.length > 0) logger.info({ executions: resumed }, 'resumed executions left running by a previous process');
    })
    .catch((error: unknown) => {
      // resume() isolates executions that cannot continue; anything else is logged, never fatal.
      logger.error({ err: error }, 'could not resume executions left running by a previous process');
    });

  if (config.demo) {
    runDemoOnEmptyStore(server.api.services, await loadIrisDemo(logger), config.projectRoot, logger).catch((error: unknown) =>
      logger.error({ err: error }, 'could not start the demo pipeline'),
    );
  }
}
