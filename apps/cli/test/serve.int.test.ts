// `pedigree serve` starts the same server as `npm start`: ready on its port, serving GraphQL over the
// given data directory, and a SIGTERM is a clean stop of the server itself (exit 0). Once the
// command has exited nothing it started may still run, however it was stopped and whenever: every
// test checks that no process with its data directory is left and that the process group serve
// started (npm and the server) is empty. `--skip-web-build` keeps this test from
// rebuilding apps/web/dist while the web suite may be reading it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './run-pedigree.ts';
import { groupExists, killProcessesOf, processesOf, waitFor, type ServerProcess } from './server-processes.ts';

const dataDirs: string[] = [];

afterEach(async () => {
  // A failed test must not leave its server behind (its processes are found by data directory).
  for (const dir of dataDirs.splice(0)) {
    killProcessesOf(dir);
    await rm(dir, { recursive: true, force: true });
  }
});

interface Serve {
  readonly dataDir: string;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
  /** The server's base URL once it logs that it is listening. */
  readonly listening: Promise<string>;
}

async function startServe(): Promise<Serve> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-serve-'));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0', '--skip-web-build'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1', PEDIGREE_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += String(chunk);
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`pedigree serve exited (${code}) before listening:\n${output}`)));
  });
  listening.catch(() => undefined); // A test that stops serve before it listens does not await it.
  return { dataDir, child, exited, output: () => output, listening };
}

/** The server's processes while it runs: all in one process group of their own, not serve's. */
function serverGroup(serve: Serve): { processes: ServerProcess[]; pgid: number } {
  const processes = processesOf(serve.dataDir);
  const pgids = [...new Set(processes.map((p) => p.pgid))];
  if (process.platform === 'linux') {
    expect(
      processes.some((p) => p.command.includes('apps/api/src/main.ts')),
      JSON.stringify(processes),
    ).toBe(true);
    expect(pgids, JSON.stringify(processes)).toHaveLength(1);
    expect(pgids[0]).not.toBe(serve.child.pid);
  }
  return { processes, pgid: pgids[0] ?? -1 };
}

/** Nothing serve started runs any more: no process on its data directory, an empty process group. */
async function expectNothingLeft(serve: Serve, pgid: number): Promise<void> {
  expect(processesOf(serve.dataDir), `processes left running after pedigree serve exited:\n${serve.output()}`).toEqual([]);
  if (pgid > 0) {
    // A member that has just exited may wait a moment to be reaped (it runs nothing meanwhile).
    await waitFor(() => !groupExists(pgid), `process group ${pgid} to be empty`, 2_000);
  }
}

it('serves the API on the data directory and stops cleanly on SIGTERM, leaving nothing running', async () => {
  const serve = await startServe();
  let base: string | undefined;
  let pgid: number | undefined;
  try {
    base = await serve.listening;
    pgid = serverGroup(serve).pgid;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { store: { adapter: string } }).store.adapter).toBe('sqlite');
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ pipelines { edges { node { name } } } }' }),
    });
    expect(await response.json()).toEqual({ data: { pipelines: { edges: [] } } });
    expect(serve.output()).toContain(`"dataDir":"${serve.dataDir}"`);
  } finally {
    serve.child.kill('SIGTERM');
  }
  expect(await serve.exited, serve.output()).toBe(0);
  // The server itself stopped (npm's shell used to keep the signal from it, leaving it serving).
  expect(serve.output()).toMatch(/"msg":"stopped"/);
  expect(base).toBeDefined();
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  await expectNothingLeft(serve, pgid ?? -1);
}, 120_000);

it('stops the server when its terminal goes away (SIGHUP), leaving nothing running', async () => {
  // SIGHUP used to end serve alone: the server, in a process group and session of its own, never
  // heard of it and kept serving.
  const serve = await startServe();
  const base = await serve.listening;
  const { pgid } = serverGroup(serve);
  serve.child.kill('SIGHUP');
  expect(await serve.exited, serve.output()).toBe(0);
  expect(serve.output()).toMatch(/"msg":"stopped"/);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  await expectNothingLeft(serve, pgid);
}, 120_000);

it('stops a signal that arrives while npm or the shell are still starting the server', async () => {
  const serve = await startServe();
  // As soon as anything of the server's group runs (npm first, the server last): a stop then must
  // stop it all, never leave a server that goes on to listen.
  const { pgid } = await waitFor(() => processesOf(serve.dataDir).find((p) => p.pid !== serve.child.pid), 'pedigree serve to start npm');
  serve.child.kill('SIGTERM');
  // Exit 0 however far the start had got: it is a stop asked for, not a failure of the server.
  expect(await serve.exited, serve.output()).toBe(0);
  await expectNothingLeft(serve, pgid);
  expect(serve.output()).not.toMatch(/pedigree is listening/);
}, 120_000);

it('stops the rest of the server when npm dies on its own, and says so (exit 1)', async () => {
  // npm killed alone (by the OOM killer, say) orphans the server, which keeps
  // the output open: serve waited on that output for ever, the server serving on.
  const serve = await startServe();
  const base = await serve.listening;
  const { pgid, processes } = serverGroup(serve);
  const npm = processes.find((p) => p.pid === pgid);
  if (process.platform === 'linux') expect(npm?.command, JSON.stringify(processes)).toMatch(/^npm|\bnpm\b/);
  process.kill(pgid, 'SIGKILL'); // npm is the group's leader
  expect(await serve.exited, serve.output()).toBe(1);
  expect(serve.output()).toMatch(/the server exited with code 137/);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  await expectNothingLeft(serve, pgid);
}, 120_000);
