import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutionId } from '@pedigree/domain';
import { testPipeline } from './testing/index.ts';

const driver = fileURLToPath(new URL('./testing/durability-driver.ts', import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pedigree-orphans-'));
  await mkdir(path.join(dir, 'project'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Running, not a zombie (an orphan's new parent may never reap it). */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('orphaned commands', () => {
  it('ends a command a SIGKILLed executor left running before the step runs again on resume', { timeout: 60_000 }, async () => {
    const pids = path.join(dir, 'pids.txt');
    const gate = path.join(dir, 'gate');
    const script = `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n'); const i = setInterval(() => { if (fs.existsSync(${JSON.stringify(gate)})) clearInterval(i) }, 20)`;
    const retry = {
      maxAttempts: 3,
      initialIntervalSeconds: 0,
      backoffRate: 1,
      maxIntervalSeconds: 0,
      retryOn: ['interrupted'],
      exitCodes: null,
    };
    const def = testPipeline({
      name: 'orphans',
      steps: [
        {
          name: 'long',
          type: 'processing',
          run: { kind: 'command', argv: ['node', '-e', script].map((value) => ({ kind: 'literal', value })) },
          retry,
        },
      ],
    });
    await writeFile(path.join(dir, 'pipeline.json'), JSON.stringify(def));
    const readPids = async (): Promise<number[]> => (await readFile(pids, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);

    const first = spawn(process.execPath, ['--import', tsxLoader, driver, dir, 'start', createExecutionId()], { stdio: 'ignore' });
    const [orphan] = await until(async () => ((await readPids()).length === 1 ? await readPids() : null));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(alive(orphan!)).toBe(true);

    const second = spawn(process.execPath, ['--import', tsxLoader, driver, dir, 'resume'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await until(async () => ((await readPids()).length === 2 ? true : null));
    expect(alive(orphan!)).toBe(false);
    await writeFile(gate, '');
    await new Promise((r) => second.once('exit', r));
    expect(out).toMatch(/DONE \S+ Succeeded/);
  });
});
