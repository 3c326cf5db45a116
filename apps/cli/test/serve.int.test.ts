// `pedigree serve` starts the same server as `npm start`: ready on its port, serving GraphQL over the
// given data directory, and a SIGTERM is a clean stop of the server itself (exit 0, nothing left
// listening). `--skip-web-build` keeps this test from rebuilding apps/web/dist while the web suite
// may be reading it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './run-pedigree.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-serve-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('serves the API on the data directory and stops cleanly on SIGTERM', async () => {
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
  let base: string | undefined;
  try {
    base = await listening;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { store: { adapter: string } }).store.adapter).toBe('sqlite');
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ pipelines { edges { node { name } } } }' }),
    });
    expect(await response.json()).toEqual({ data: { pipelines: { edges: [] } } });
    expect(output).toContain(`"dataDir":"${dataDir}"`);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited, output).toBe(0);
  // The server itself stopped (npm's shell used to keep the signal from it, leaving it serving).
  expect(output).toMatch(/"msg":"stopped"/);
  expect(base).toBeDefined();
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
}, 120_000);
