/**
 * The service in a process of its own, started as `npm start` starts it (node --import tsx apps/api/src/main.ts
 * from the repository root) on a free port, with its JSON log lines collected. Shared by the tests
 * that need a real process: server.int.test.ts (the demo, restarts) and shutdown.int.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface SpawnedServer {
  readonly child: ChildProcess;
  /** Every stdout line: parsed JSON log lines, or `{ text }` for anything else. */
  readonly lines: Record<string, unknown>[];
  readonly stderr: () => string;
}

export interface StartedServer extends Omit<SpawnedServer, 'stderr'> {
  readonly url: string;
  /** The exit code once the process has ended and its output is read to the end. */
  readonly exited: Promise<number | null>;
}

/**
 * Spawns the service on `dataDir` with a minimal environment (no tokens, port 0 on loopback,
 * `LOG_LEVEL=info`) plus `env`; does not wait for anything.
 */
export function spawnServer(dataDir: string, env: Record<string, string> = {}, options: { viaNpm?: boolean } = {}): SpawnedServer {
  // No tsx wrapper process: the service is this child, and a signal sent to it reaches the server
  // itself. `viaNpm` runs `npm start` itself (without the web build its prestart does), in a process
  // group of its own so that a test can clean up whatever npm leaves.
  const [command, args] = options.viaNpm
    ? ['npm', ['start', '--silent', '--ignore-scripts']]
    : [process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts']];
  const child = spawn(command, args, {
    cwd: repoRoot,
    detached: options.viaNpm === true,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PEDIGREE_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ text: line });
      }
    }
  });
  return { child, lines, stderr: () => stderr };
}

/** Spawns the service and waits until it logs that it listens (60 s at most). */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { viaNpm?: boolean } = {},
): Promise<StartedServer> {
  const { child, lines, stderr } = spawnServer(dataDir, env, options);
  // 'close', not 'exit': the last log lines may still be in the pipe when the process has exited.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await until('the server to listen', async () => {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before listening; stderr: ${stderr()}`);
    const listening = lines.find((l) => l['msg'] === 'pedigree is listening');
    return listening ? String(listening['url']) : null;
  });
  return { child, url, lines, exited };
}

/** SIGTERM to the server process itself, by the pid on its log lines (the same process as `child`). */
export function terminate(server: StartedServer): void {
  process.kill(Number(server.lines.find((l) => typeof l['pid'] === 'number')!['pid']), 'SIGTERM');
}

/** Polls `fn` every 100 ms until it returns something other than null. */
export async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GraphQL request over HTTP; GraphQL errors throw. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}
