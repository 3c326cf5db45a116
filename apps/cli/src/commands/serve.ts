import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { failure } from '../errors.ts';
import { noteRunsLocally } from '../remote/connect.ts';
import { parseNonNegativeInt } from './pipelines.ts';
import { examples, type CommandSetup } from './shared.ts';

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
    // Its own process group, so that a signal reaches the server itself: npm passes it to the
    // `sh -c` running the script, and the shell does not pass it on (the server was left running).
    // The output is piped through, and the command ends when the pipes close: when the last process
    // of the group holding them (the server) has exited, not merely npm.
    const posix = process.platform !== 'win32';
    const child = spawn(posix ? 'npm' : 'npm.cmd', npmArgs, {
      cwd: WORKSPACE_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: posix,
    });
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
    let signalled = false;
    const forward = (signal: NodeJS.Signals) => () => {
      signalled = true;
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The group has already gone.
      }
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 128 + 2 : 1))));
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    // Stopped by Ctrl-C or SIGTERM: a clean shutdown, whatever code npm reports for it.
    if (code !== 0 && !signalled) throw failure(`the server exited with code ${code}`);
  });
}
