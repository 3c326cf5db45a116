import { spawn } from 'node:child_process';
import type { StepRunRequest, StepRunResult, StepRunner } from '../step-runner.ts';
import { failed } from '../step-runner.ts';
import { toEnvName } from './env-names.ts';

export interface SubprocessRunnerOptions {
  /** The PATH given to commands; default the executor process's PATH. */
  readonly path?: string;
}

/**
 * The environment a command sees: its declared environment, PATH, and the `PEDIGREE_*` variables,
 * nothing else of the parent's (so that a secret in the executor's environment never reaches a
 * step, and a step cannot depend on something its cache key does not cover).
 *
 * - `PEDIGREE_INPUT_<NAME>`: local path of each input channel;
 * - `PEDIGREE_OUTPUT_<NAME>`: the directory to write each output channel into;
 * - `PEDIGREE_ARG_<NAME>`: each named argument;
 * - `PEDIGREE_PROPERTY_FILES`: JSON object, property file name -> path to write it at.
 *
 * Names are upper snake case (`learningRate` -> `LEARNING_RATE`).
 */
export function commandEnvironment(request: StepRunRequest, pathValue: string): Record<string, string> {
  const env: Record<string, string> = { ...request.env, PATH: pathValue };
  for (const [name, p] of Object.entries(request.inputs)) env[`PEDIGREE_INPUT_${toEnvName(name)}`] = p;
  for (const [name, p] of Object.entries(request.outputs)) env[`PEDIGREE_OUTPUT_${toEnvName(name)}`] = p;
  for (const [name, v] of Object.entries(request.args)) env[`PEDIGREE_ARG_${toEnvName(name)}`] = String(v);
  env['PEDIGREE_PROPERTY_FILES'] = JSON.stringify(request.propertyFiles);
  return env;
}

/**
 * Runs commands as child processes: an argv array (never a shell), the attempt's work directory as
 * cwd, output split into lines for the log. Each command leads its own process group, so stop and
 * timeout reach whatever it started: SIGTERM to the group, then SIGKILL after the grace period.
 */
export function createSubprocessRunner(options: SubprocessRunnerOptions = {}): StepRunner {
  const pathValue = options.path ?? process.env['PATH'] ?? '/usr/bin:/bin';
  const live = new Set<number>();

  return {
    kind: 'command',
    run(request, signal) {
      if (request.run.kind !== 'command') throw new TypeError('the subprocess runner runs commands only');
      const [program, ...args] = request.run.argv;
      if (!program) return Promise.resolve(failed('error', 'the command is empty'));
      return new Promise<StepRunResult>((resolve) => {
        let settled = false;
        let killTimer: NodeJS.Timeout | null = null;
        const finish = (result: StepRunResult): void => {
          if (settled) return;
          settled = true;
          if (killTimer) clearTimeout(killTimer);
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
        const child = spawn(program, args, {
          cwd: request.workDir,
          env: commandEnvironment(request, pathValue),
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        const pid = child.pid;
        if (pid !== undefined) {
          live.add(pid);
          request.onProcess?.(pid);
        }
        request.onStart?.();
        const killGroup = (sig: NodeJS.Signals): void => {
          if (pid === undefined) return;
          try {
            process.kill(-pid, sig);
          } catch {
            // Already gone.
          }
        };
        const onAbort = (): void => {
          killGroup('SIGTERM');
          killTimer = setTimeout(() => killGroup('SIGKILL'), request.killGraceMs);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) onAbort();

        for (const stream of ['stdout', 'stderr'] as const) {
          let pending = '';
          child[stream].setEncoding('utf8');
          child[stream].on('data', (chunk: string) => {
            pending += chunk;
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
              request.onLog(stream, pending.slice(0, nl));
              pending = pending.slice(nl + 1);
            }
          });
          child[stream].on('end', () => {
            if (pending) request.onLog(stream, pending);
            pending = '';
          });
        }
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (pid !== undefined) live.delete(pid);
          finish(failed(error.code === 'ENOENT' ? 'error' : 'runner-crash', `could not run ${program}: ${error.message}`));
        });
        child.on('close', (code, sig) => {
          if (pid !== undefined) live.delete(pid);
          // Anything the command left behind in its group goes with it.
          if (sig !== 'SIGKILL') killGroup('SIGKILL');
          if (code === 0) finish({ ok: true, failureKind: null, message: null, exitCode: 0, result: null });
          else if (code !== null) finish(failed('exit-code', `${program} exited with code ${code}`, code));
          else finish(failed('runner-crash', `${program} was ended by ${sig ?? 'a signal'}`));
        });
      });
    },
    async close() {
      for (const pid of live) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      live.clear();
    },
  };
}
