import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { failure } from '../errors.ts';
import { noteRunsLocally } from '../remote/connect.ts';
import { parseNonNegativeInt } from './pipelines.ts';
import { groupAlive, signalGroup } from './process-group.ts';
import { examples, type CommandSetup } from './shared.ts';

/** How long a stopping server may take before it is killed: longer than its own 10 s grace for requests in flight. */
const STOP_GRACE_MS = 15_000;
/** How long SIGKILL may take to end the group, and the last output to arrive. */
const KILL_WAIT_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `alive()` is false (true) or `ms` have passed (false). */
async function ended(alive: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive()) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** The workspace root: the directory above apps/cli holding the root package.json. */
const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * `pedigree serve` runs exactly what `npm start` runs at the workspace root (the API server; the
 * CLI may not import the API app, so it delegates to the same entry point as a child process and
 * passes signals through).
 */
export function registerServeCommand(program: Command, setup: CommandSetup): void {
  setup(
    program
      .command('serve')
      .description('Start the Pedigree server (GraphQL API and web UI): the same server as `npm start`.')
      .option('--port <n>', 'HTTP port (default PORT or 4000; 0 picks a free port)', parseNonNegativeInt('--port', 65535))
      .option('--host <address>', 'address to bind (default HOST or 127.0.0.1)')
      .option('--skip-web-build', 'serve the web client as last built (apps/web/dist) instead of building it first, as `npm start` does'),
    examples(['pedigree serve', 'pedigree --data-dir ./data serve --port 8080', 'pedigree serve --skip-web-build']),
  ).action(async (opts: { port?: number; host?: string; skipWebBuild?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    noteRunsLocally(ctx, 'serve', 'it starts a server on this machine (--server is ignored)');
    const manifest = path.join(WORKSPACE_ROOT, 'package.json');
    const scripts = existsSync(manifest)
      ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {})
      : {};
    if (!scripts.start) throw failure('the server is not available in this installation (the workspace has no `npm start` script yet)');
    const env: Record<string, string | undefined> = { ...ctx.env };
    if (ctx.globals.dataDir !== undefined) env.PEDIGREE_DATA_DIR = path.resolve(ctx.globals.dataDir);
    if (opts.port !== undefined) env.PORT = String(opts.port);
    if (opts.host !== undefined) env.HOST = opts.host;
    // `--ignore-scripts` leaves out the `prestart` web build and nothing else.
    const npmArgs = ['start', '--silent', ...(opts.skipWebBuild ? ['--ignore-scripts'] : [])];
    // Its own process group, so that a signal reaches the server itself whatever the script does:
    // npm passes a signal only to the `sh -c` running the script (the root script `exec`s the
    // server, but a shell left in between would not pass it on and the server would run on).
    // The group (npm, a shell, the server) is what this command owns: it does not end
    // while any process of the group runs, whatever ends it (a signal, npm exiting on its own, this
    // process exiting early), so it never leaves a server serving behind it.
    const posix = process.platform !== 'win32';
    // Set once npm is spawned; the signal handlers below go in first, so that no signal arriving
    // just after the spawn can end this process by default and leave the group behind.
    const npm: { child?: ChildProcessByStdio<null, Readable, Readable>; pgid?: number } = {};
    const running = (): boolean => {
      const { child, pgid } = npm;
      return pgid !== undefined ? groupAlive(pgid) : child !== undefined && child.exitCode === null && child.signalCode === null;
    };
    const send = (signal: NodeJS.Signals): void => {
      if (npm.pgid !== undefined) signalGroup(npm.pgid, signal);
      else npm.child?.kill(signal);
    };
    // Ending early (the reader of the output went away, an uncaught error): the server ends too.
    const onExit = (): void => {
      if (running()) send('SIGKILL');
    };
    // Stopping: the signal to the whole group, then SIGKILL for whatever still runs after a grace
    // period longer than the server's own (it finishes requests in flight for up to 10 s).
    let stopping: Promise<void> | undefined;
    const stop = (signal: NodeJS.Signals): Promise<void> => {
      send(signal);
      stopping ??= (async () => {
        if (await ended(running, STOP_GRACE_MS)) return;
        ctx.out.error(`pedigree serve: the server did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
        send('SIGKILL');
      })();
      return stopping;
    };
    let signalled = false;
    const forward = (signal: NodeJS.Signals) => () => {
      signalled = true;
      // A closed terminal (SIGHUP) is a stop like SIGTERM: the server shuts down cleanly on that.
      void stop(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    };
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    process.on('exit', onExit);

    const child = spawn(posix ? 'npm' : 'npm.cmd', npmArgs, {
      cwd: WORKSPACE_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: posix,
    });
    npm.child = child;
    npm.pgid = posix ? child.pid : undefined;
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
    const npmExited = new Promise<number>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0))),
    );
    const outputClosed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // spawn() failing (npm not on PATH) emits 'error' and no 'exit'.
    const spawnFailed = new Promise<Error>((resolve) => child.on('error', resolve));
    try {
      const outcome = await Promise.race([npmExited, spawnFailed]);
      if (outcome instanceof Error) throw failure(`could not start the server: ${outcome.message}`);
      // npm has exited; nothing of its group may outlive it (the server, if npm was killed). When
      // stopping already (npm goes first on a signal), the rest of the group has had its signal.
      if (stopping) await stopping;
      else if (running()) await stop('SIGTERM');
      if (!(await ended(running, KILL_WAIT_MS))) throw failure(`could not stop the server (process group ${npm.pgid})`);
      // The group has gone, and with it every writer of the output: let the last lines through.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([outputClosed, new Promise((resolve) => (timer = setTimeout(resolve, KILL_WAIT_MS)))]);
      clearTimeout(timer);
      // Stopped by Ctrl-C, SIGTERM or a hang-up: a clean shutdown, whatever code npm reports for it.
      if (outcome !== 0 && !signalled) throw failure(`the server exited with code ${outcome}`);
    } finally {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      process.off('exit', onExit);
    }
  });
}
