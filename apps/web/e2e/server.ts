// Starts the real server the way `npm start` does (after a `vite build`), on a temp data directory
// and a free port, and stops it again. Used by the end-to-end suite only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(WEB_ROOT, '..', '..');

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  readonly logs: () => string;
  stop(): Promise<void>;
}

export function buildWeb(): void {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: WEB_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartServerOptions {
  /** Extra environment for the server, e.g. `PEDIGREE_TOKENS` to require API tokens. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pedigree-web-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('npx', ['tsx', 'apps/api/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, PEDIGREE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also ends the tsx child npx starts.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // The whole group (npx, tsx and the server), not npx alone: npx may exit first and leave the
  // server running, on a start that failed as on a stop.
  const stop = async (): Promise<void> => {
    const pgid = child.pid;
    if (pgid !== undefined) {
      signalGroup(pgid, 'SIGTERM');
      if (!(await groupGone(pgid, 15_000))) {
        signalGroup(pgid, 'SIGKILL');
        if (!(await groupGone(pgid, 5_000))) throw new Error(`the server's process group ${pgid} still runs after SIGKILL`);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, logs: () => output, stop };
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group has already gone.
  }
}

/** Whether process group `pgid` has no process left (ESRCH) within `ms`. */
async function groupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A GraphQL request against the running server (for test setup and checks, not for the UI). */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
