import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, CLI_ROOT, pedigree, REPO_ROOT } from './run-pedigree.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-interrupt-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('stops the execution cleanly on Ctrl-C (SIGINT): the step and the execution end Stopped, exit 1; logs --follow ends with it', async () => {
  const child = spawn(process.execPath, [BIN, 'run', path.join(CLI_ROOT, 'test/fixtures/slow-pipeline.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1', PEDIGREE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  const running = new Promise<void>((resolve) => {
    child.stdout.on('data', (c) => {
      stdout += String(c);
      if (/Sleep\s+Executing/.test(stdout)) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await running;
  const id = /Execution (ex_\w+) started/.exec(stdout)![1]!;
  // Another process follows the running step's output until the execution ends.
  const follow = pedigree(['executions', 'logs', id, 'Sleep', '--follow'], { dataDir });
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGINT');
  const code = await exited;
  expect(code, stdout + stderr).toBe(1);
  expect(stderr).toMatch(/^stopping execution ex_\w+ \(Ctrl-C again to exit at once\)$/m);
  expect(stdout).toMatch(/^■ Sleep\s+Stopped/m);
  const followed = await follow;
  expect(followed.code, followed.stderr).toBe(0);
  expect(followed.stdout).toBe('sleeping\n');
  const show = JSON.parse((await pedigree(['executions', 'show', id, '--json'], { dataDir })).stdout);
  expect(show.execution.status).toBe('Stopped');
  expect(show.steps[0].status).toBe('Stopped');
});

it('exits at once with 130 on a second Ctrl-C while the step ignores SIGTERM; executions stop then ends the execution', async () => {
  const child = spawn(process.execPath, [BIN, 'run', path.join(CLI_ROOT, 'test/fixtures/stubborn-pipeline.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1', PEDIGREE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  const running = new Promise<void>((resolve) => {
    child.stdout.on('data', (c) => {
      stdout += String(c);
      if (/Stubborn\s+Executing/.test(stdout)) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await running;
  const id = /Execution (ex_\w+) started/.exec(stdout)![1]!;
  await new Promise((r) => setTimeout(r, 1000));
  child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 1000));
  expect(child.exitCode, 'the first Ctrl-C waits for the step to stop').toBeNull();
  child.kill('SIGINT');
  expect(await exited, stdout + stderr).toBe(130);
  expect(stderr).toMatch(
    /^stopping execution ex_\w+ \(Ctrl-C again to exit at once\)\ninterrupted; exiting without waiting \(the execution can be resumed or stopped later\)$/m,
  );
  expect(stderr).not.toMatch(/\n\s+at /);
  // Left for later, as the message says: `executions stop` ends it (the step process is ended too).
  const stopped = await pedigree(['executions', 'stop', id], { dataDir });
  expect(stopped.code, stopped.stderr).toBe(0);
  const show = JSON.parse((await pedigree(['executions', 'show', id, '--json'], { dataDir })).stdout);
  expect(show.execution.status).toBe('Stopped');
  expect(show.steps[0].status).not.toBe('Executing');
});
