/**
 * `npm start`'s process life cycle over real HTTP (node --import tsx apps/api/src/main.ts, as server.int.test.ts
 * starts it, without the demo): on loopback without tokens it says in its log that anonymous
 * requests act as editor; bound to another address without tokens it refuses to start; on SIGTERM
 * it finishes a request in flight, refuses new connections, and leaves a running execution to the
 * next start, which resumes it to the end.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, spawnServer, startServer, terminate, until, type StartedServer } from './spawned-server.ts';

const start = (dataDir: string): Promise<StartedServer> => startServer(dataDir, { PEDIGREE_PROJECT_ROOT: dataDir, PEDIGREE_DEMO: 'false' });

/**
 * One step that sleeps `ms` (long enough to be caught running) and then succeeds. An attempt cut off
 * by the process ending is `interrupted`; the next start retries it under the step's retry policy.
 */
function sleepPipeline(ms: number): Record<string, unknown> {
  const lit = (value: string) => ({ kind: 'literal', value });
  return {
    schemaVersion: '1',
    name: 'sleepy',
    parameters: [],
    steps: [
      {
        name: 'nap',
        type: 'processing',
        run: { kind: 'command', argv: [lit(process.execPath), lit('-e'), lit(`setTimeout(() => {}, ${ms})`)] },
        retry: { maxAttempts: 2, initialIntervalSeconds: 0, retryOn: ['interrupted'] },
      },
    ],
  };
}

const STEP = 'query($id: ID!) { execution(id: $id) { status failureReason steps { stepName status attempt failureReason } } }';
type StepView = {
  execution: {
    status: string;
    failureReason: string | null;
    steps: { stepName: string; status: string; attempt: number; failureReason: string | null }[];
  };
};

describe('npm start: its process life cycle', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pedigree-shutdown-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // SIGTERM, not SIGKILL: npm passes it on to the server, which it would leave running on a SIGKILL.
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on a non-loopback address without API tokens, naming HOST, exit 2', async () => {
    const { child, lines, stderr } = spawnServer(mkdtempSync(path.join(tmpdir(), 'pedigree-refuse-')), {
      PEDIGREE_DEMO: 'false',
      HOST: '0.0.0.0',
    });
    children.push(child);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    const fatal = lines.find((l) => l['level'] === 'fatal');
    expect(fatal?.['msg'], JSON.stringify(lines)).toMatch(
      /HOST.*refusing to listen on 0\.0\.0\.0 without API tokens: set PEDIGREE_TOKENS or PEDIGREE_TOKENS_FILE/,
    );
    expect(lines.some((l) => l['msg'] === 'pedigree is listening')).toBe(false);
    // One line for the operator, no stack trace anywhere.
    expect(stderr()).toBe(
      'pedigree: HOST: refusing to listen on 0.0.0.0 without API tokens: set PEDIGREE_TOKENS or PEDIGREE_TOKENS_FILE, or bind to 127.0.0.1\n',
    );
    expect(JSON.stringify(lines)).not.toMatch(/\bat \S+ \(/);
  }, 60_000);

  it('on SIGTERM finishes a request in flight, refuses new connections, and leaves a running execution to be resumed by the next start', async () => {
    let server = await start(dataDir);
    children.push(server.child);
    // Loopback without tokens: allowed, and said.
    expect(server.lines.find((l) => l['level'] === 'warn' && /anonymous requests act as editor/.test(String(l['msg'])))).toBeDefined();

    await gql(server.url, 'mutation($d: JSON!) { upsertPipeline(input: { definition: $d }) { errors { message } } }', {
      d: sleepPipeline(5000),
    });
    const { startExecution } = await gql<{ startExecution: { execution: { id: string } } }>(
      server.url,
      'mutation { startExecution(input: { pipelineName: "sleepy" }) { execution { id } errors { message } } }',
    );
    const id = startExecution.execution.id;
    await until('the step to run', async () => {
      const { execution } = await gql<StepView>(server.url, STEP, { id });
      return execution.steps.some((s) => s.status === 'Executing') ? true : null;
    });

    // A request in flight: its headers are in, half its body is not, when SIGTERM arrives.
    const body = JSON.stringify({ query: '{ execution(id: "' + id + '") { status } }' });
    const { port, hostname } = new URL(server.url);
    // A client that keeps its idle connection open (no timeout of its own), as browsers and proxies do.
    const agent = new Agent({ keepAlive: true });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: hostname,
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        terminate(server);
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    await until(
      'the shutdown to begin',
      async () => (server.lines.some((l) => /^shutting down/.test(String(l['msg']))) ? true : null),
      30_000,
    );
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toEqual({ data: { execution: { status: 'Executing' } } });
    expect(await server.exited).toBe(0);
    // It did not wait for the 5 s step, nor for the client to drop its idle connection (6-10 s).
    const at = (msg: RegExp) => Date.parse(String(server.lines.find((l) => msg.test(String(l['msg'])))?.['time']));
    expect(at(/^stopped$/) - at(/^shutting down/)).toBeLessThan(4000);
    agent.destroy();
    expect(server.lines.find((l) => l['msg'] === 'leaving running executions to be resumed at the next start')?.['executions']).toEqual([
      id,
    ]);

    server = await start(dataDir);
    children.push(server.child);
    const ended = await until('the resumed execution to end', async () => {
      const { execution } = await gql<StepView>(server.url, STEP, { id });
      return execution.status === 'Executing' ? null : execution;
    });
    expect(ended.status, JSON.stringify(ended)).toBe('Succeeded');
    // The attempt the first process was running was interrupted; the second ran to the end.
    expect(ended.steps).toEqual([{ stepName: 'nap', status: 'Succeeded', attempt: 2, failureReason: null }]);
    expect(server.lines.find((l) => l['msg'] === 'resumed executions left running by a previous process')?.['executions']).toEqual([id]);
    terminate(server);
    expect(await server.exited).toBe(0);
  }, 120_000);
  it('a SIGTERM to npm itself (as a process manager sends it) stops the server gracefully, leaving nothing running', async () => {
    // npm runs the script through a shell; without `exec` in the script the shell stayed between
    // them, npm's SIGTERM ended the shell only, and the server kept serving as an orphan.
    const npmDir = mkdtempSync(path.join(tmpdir(), 'pedigree-npm-start-'));
    const server = await startServer(npmDir, { PEDIGREE_PROJECT_ROOT: npmDir, PEDIGREE_DEMO: 'false' }, { viaNpm: true });
    children.push(server.child);
    const serverPid = Number(server.lines.find((l) => typeof l['pid'] === 'number')!['pid']);
    expect(serverPid).not.toBe(server.child.pid);
    try {
      server.child.kill('SIGTERM'); // npm only, not its process group
      // The server holds npm's output open: while it runs, npm's 'close' does not come.
      const closed = await Promise.race([
        server.exited,
        new Promise<string>((r) => setTimeout(() => r('still running after 20 s'), 20_000)),
      ]);
      expect(closed).toBe(0);
      expect(server.lines.some((l) => l['msg'] === 'stopped')).toBe(true);
      expect(() => process.kill(serverPid, 0)).toThrow();
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-server.child.pid!, 'SIGKILL'); // whatever of the group is left after a failure
      } catch {
        // the group is empty: nothing was left
      }
      rmSync(npmDir, { recursive: true, force: true });
    }
  }, 60_000);
});
