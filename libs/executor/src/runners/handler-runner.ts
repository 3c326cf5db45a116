import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { JsonObject } from '@pedigree/domain';
import type { StepRunResult, StepRunner } from '../step-runner.ts';
import { failed } from '../step-runner.ts';

export interface HandlerRunnerOptions {
  /** Warm worker threads kept ready; default the number of CPUs, at least 2. */
  readonly threads?: number;
}

interface WorkerReply {
  readonly ok: boolean;
  readonly message?: string;
  readonly result?: JsonObject | null;
}

/**
 * Runs JS/TS handler modules off the main thread on a pool of warm worker threads (piscina):
 * starting a thread and a TypeScript loader per step would cost more than the executor's whole
 * per-step budget. A handler gets the `StepContext` of `@pedigree/sdk`; its `signal` aborts on stop
 * or timeout, and a handler that ignores it is ended after the grace period by terminating its
 * worker (piscina replaces it). When a module's code version changes, the pool is replaced, so that
 * no worker keeps running code it imported before the change.
 */
export function createHandlerRunner(options: HandlerRunnerOptions = {}): StepRunner {
  const threads = options.threads ?? Math.max(2, availableParallelism());
  let pool: Piscina | null = null;
  const getPool = (): Piscina => {
    pool ??= new Piscina({
      filename: new URL('./handler-worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 1,
    });
    return pool;
  };

  // Module path -> code version the current pool has loaded. A worker caches every module it
  // imported, and only the handler module's URL carries the version, so when the code changes the
  // pool is replaced (the old one finishes its running tasks and closes).
  const loaded = new Map<string, string>();

  return {
    kind: 'handler',
    async run(request, signal) {
      if (request.run.kind !== 'handler') throw new TypeError('the handler runner runs handler modules only');
      const known = loaded.get(request.run.modulePath);
      if (known !== undefined && known !== request.run.version && pool) {
        const old = pool;
        pool = null;
        loaded.clear();
        void old.close().catch(() => undefined);
      }
      loaded.set(request.run.modulePath, request.run.version);
      const url = pathToFileURL(request.run.modulePath);
      url.searchParams.set('v', request.run.version);
      const channel = new MessageChannel();
      channel.port1.on('message', (message: { type: string; line: string }) => {
        if (message.type === 'started') request.onStart?.();
        else if (message.type === 'log') {
          for (const line of message.line.split('\n')) request.onLog('stdout', line);
        }
      });
      const hard = new AbortController();
      let killTimer: NodeJS.Timeout | null = null;
      const onAbort = (): void => {
        channel.port1.postMessage({ type: 'abort', reason: String(signal.reason ?? 'aborted') });
        killTimer = setTimeout(() => hard.abort(signal.reason), request.killGraceMs);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      const context = {
        executionId: request.executionId,
        pipelineName: request.pipelineName,
        stepName: request.stepName,
        attempt: request.attempt,
        inputs: request.inputs,
        outputs: request.outputs,
        args: request.args,
        env: request.env,
        workDir: request.workDir,
      };
      try {
        const reply = (await getPool().run(
          { moduleUrl: url.href, exportName: request.run.exportName, context, port: channel.port2 },
          { transferList: [channel.port2], signal: hard.signal },
        )) as WorkerReply;
        if (reply.ok)
          return { ok: true, failureKind: null, message: null, exitCode: null, result: reply.result ?? null } satisfies StepRunResult;
        return failed('error', reply.message ?? 'the handler failed');
      } catch (error) {
        if (hard.signal.aborted) return failed('stopped', 'the handler did not stop within the grace period; its worker was terminated');
        return failed('runner-crash', `the handler's worker crashed: ${(error as Error).message}`);
      } finally {
        if (killTimer) clearTimeout(killTimer);
        signal.removeEventListener('abort', onAbort);
        channel.port1.close();
      }
    },
    async close() {
      const p = pool;
      pool = null;
      if (p) await p.destroy();
    },
  };
}
