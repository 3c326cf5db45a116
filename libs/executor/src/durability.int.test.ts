import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutionId, type ExecutionId } from '@pedigree/domain';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { testPipeline } from './testing/index.ts';

/*
 * The durability test of the executor issue: a real child process running a pipeline is SIGKILLed
 * at many points chosen at random on every run (at step boundaries, in the middle of steps, and
 * during start-up/resume), then restarted with `resume()`, until the pipeline finishes. After every
 * kill the test notes which steps the store says succeeded; no later run may start them again.
 */

const KILLS = 22;
const driver = fileURLToPath(new URL('./testing/durability-driver.ts', import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pedigree-durability-'));
  await mkdir(path.join(dir, 'project'), { recursive: true });
  await writeFile(
    path.join(dir, 'project', 'steps.ts'),
    `import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
export async function work(ctx: any) {
  await appendFile(ctx.args.counter, 'start ' + ctx.stepName + '\\n');
  await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(Math.random() * 50)));
  let text = ctx.stepName;
  for (const name of Object.keys(ctx.inputs).sort()) {
    for (const file of (await readdir(ctx.inputs[name])).sort()) text += '|' + (await readFile(path.join(ctx.inputs[name], file), 'utf8'));
  }
  await writeFile(path.join(ctx.outputs.out, 'out.txt'), text);
  await appendFile(ctx.args.counter, 'end ' + ctx.stepName + '\\n');
}
`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lit = (value: string | number) => ({ kind: 'literal' as const, value });
const counterArg = () => ({
  kind: 'join',
  on: '',
  values: [lit(path.join(dir, 'counter-')), { kind: 'executionVariable', name: 'ExecutionId' }, lit('.txt')],
});
const retry = {
  maxAttempts: 20,
  initialIntervalSeconds: 0,
  backoffRate: 1,
  maxIntervalSeconds: 0,
  retryOn: ['interrupted'],
  exitCodes: null,
};
const from = (...steps: string[]) => steps.map((s) => ({ name: s, source: { kind: 'output', step: s, output: 'out' }, type: 'DataSet' }));
const work = (name: string, inputs: string[]) => ({
  name,
  type: 'processing',
  run: { kind: 'handler', module: 'steps.ts', export: 'work' },
  inputs: from(...inputs),
  outputs: [{ name: 'out', type: 'DataSet' }],
  arguments: { counter: counterArg() },
  retry,
});

function pipeline() {
  const chain = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
  return testPipeline({
    name: 'durable',
    steps: [
      work('source', []),
      work('split_a', ['source']),
      work('split_b', ['source']),
      work('split_c', ['source']),
      work('merge', ['split_a', 'split_b', 'split_c']),
      {
        name: 'cmd',
        type: 'processing',
        run: {
          kind: 'command',
          argv: [
            lit('node'),
            lit('-e'),
            lit(
              "const fs = require('fs'); fs.appendFileSync(process.env.PEDIGREE_ARG_COUNTER, 'start cmd\\n'); setTimeout(() => { fs.writeFileSync(process.env.PEDIGREE_OUTPUT_OUT + '/out.txt', 'cmd|' + fs.readFileSync(process.env.PEDIGREE_INPUT_MERGE + '/out.txt', 'utf8')); fs.appendFileSync(process.env.PEDIGREE_ARG_COUNTER, 'end cmd\\n'); }, 40)",
            ),
          ],
        },
        inputs: from('merge'),
        outputs: [{ name: 'out', type: 'DataSet' }],
        arguments: { counter: counterArg() },
        retry,
      },
      {
        name: 'gate',
        type: 'condition',
        conditions: [{ kind: 'greaterThanOrEqual', left: lit(2), right: lit(1) }],
        ifSteps: ['ship'],
        elseSteps: ['skip_me'],
      },
      work('ship', ['cmd']),
      work('skip_me', []),
      ...chain.map((name, i) => work(name, [i === 0 ? 'ship' : chain[i - 1]!])),
    ],
  });
}

type KillPlan =
  | { kind: 'boundary'; afterEvents: number }
  | { kind: 'mid-step'; afterEvents: number; delayMs: number }
  | { kind: 'startup'; delayMs: number };

function randomPlan(): KillPlan {
  const r = Math.random();
  if (r < 0.4) return { kind: 'boundary', afterEvents: 1 + Math.floor(Math.random() * 4) };
  if (r < 0.85) return { kind: 'mid-step', afterEvents: 1 + Math.floor(Math.random() * 3), delayMs: 5 + Math.floor(Math.random() * 60) };
  return { kind: 'startup', delayMs: 200 + Math.floor(Math.random() * 900) };
}

/** Runs the driver; kills it as planned (null = let it finish). Resolves with whether it finished and whether it was killed. */
function runDriver(args: string[], plan: KillPlan | null): Promise<{ finished: string | null; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, driver, dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let events = 0;
    let finished: string | null = null;
    let killed = false;
    let stderr = '';
    let pending = '';
    const kill = (): void => {
      if (killed || finished) return;
      killed = true;
      child.kill('SIGKILL');
    };
    if (plan?.kind === 'startup') setTimeout(kill, plan.delayMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith('DONE ')) finished = line.split(' ')[2]!;
        if (!line.startsWith('EVENT ')) continue;
        events += 1;
        if (plan && plan.kind !== 'startup' && events === plan.afterEvents) {
          if (plan.kind === 'boundary') kill();
          else setTimeout(kill, plan.delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!killed && signal === null && code !== 0) reject(new Error(`driver exited with ${code}: ${stderr}`));
      else resolve({ finished, killed: killed && signal === 'SIGKILL' });
    });
  });
}

async function storeSnapshot(
  executionId: ExecutionId,
): Promise<{ exists: boolean; succeeded: Set<string>; status: string | null; reason: string | null }> {
  const store = createSqliteGraphStore({ path: path.join(dir, 'pedigree.db') });
  try {
    const { execution, steps } = await store.getExecutionWithSteps(executionId);
    return {
      exists: true,
      status: execution.status,
      reason: execution.failureReason,
      succeeded: new Set(steps.filter((s) => s.status === 'Succeeded').map((s) => s.stepName)),
    };
  } catch {
    return { exists: false, status: null, reason: null, succeeded: new Set() };
  } finally {
    await store.close();
  }
}

async function counterLines(executionId: ExecutionId): Promise<string[]> {
  return (await readFile(path.join(dir, `counter-${executionId}.txt`), 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

describe('durability', () => {
  it(`finishes correctly after being SIGKILLed at ${KILLS} random points and resumed`, { timeout: 170_000 }, async () => {
    await writeFile(path.join(dir, 'pipeline.json'), JSON.stringify(pipeline()));
    const plans: KillPlan[] = [];
    const finished: ExecutionId[] = [];
    const violations: string[] = [];
    let current = createExecutionId();
    let succeededBefore = new Set<string>();
    let linesBefore = 0;
    let kills = 0;
    for (let round = 0; round < 150; round++) {
      const snapshot = await storeSnapshot(current);
      const plan = kills < KILLS ? randomPlan() : null;
      const { finished: status, killed } = await runDriver(snapshot.exists ? ['resume'] : ['start', current], plan);
      if (killed) {
        kills += 1;
        plans.push(plan!);
      }
      // No step the store had recorded as succeeded may have started again since.
      const lines = await counterLines(current);
      for (const line of lines.slice(linesBefore)) {
        const step = line.startsWith('start ') ? line.slice(6) : null;
        if (step && succeededBefore.has(step))
          violations.push(`${step} started again after it succeeded (kill ${kills}, plan ${JSON.stringify(plan)})`);
      }
      linesBefore = lines.length;
      const after = await storeSnapshot(current);
      succeededBefore = after.succeeded;
      if (status || (after.status && after.status !== 'Executing' && after.status !== 'Stopping')) {
        expect(after.status, `execution ${current}: ${after.reason}`).toBe('Succeeded');
        finished.push(current);
        if (kills >= KILLS) break;
        current = createExecutionId();
        succeededBefore = new Set();
        linesBefore = 0;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(violations).toEqual([]);
    expect(finished.length).toBeGreaterThanOrEqual(1);

    const store = createSqliteGraphStore({ path: path.join(dir, 'pedigree.db') });
    try {
      for (const id of finished) {
        const { execution, steps } = await store.getExecutionWithSteps(id);
        expect(execution.status).toBe('Succeeded');
        const byName = new Map(steps.map((s) => [s.stepName, s]));
        expect(byName.get('skip_me')?.status).toBe('Skipped');
        const ran = steps.filter((s) => s.stepName !== 'skip_me');
        expect(ran.map((s) => s.status).every((s) => s === 'Succeeded')).toBe(true);
        expect(ran).toHaveLength(15);
        // Every produced artifact has exactly one producing step execution.
        const links = await store.listStepArtifacts(ran.map((s) => s.id));
        const outputs = links.filter((l) => l.direction === 'output');
        expect(outputs).toHaveLength(14);
        expect(new Set(outputs.map((o) => o.artifact.id)).size).toBe(outputs.length);
        const producers = await store.getArtifactProducers(outputs.map((o) => o.artifact.id));
        expect(producers.map((p) => p?.id)).toEqual(outputs.map((o) => o.stepExecutionId));
        for (const o of outputs) {
          const up = await store.traverse({ startIds: [o.artifact.id], direction: 'UPSTREAM', maxDepth: 1, edgeTypes: ['PRODUCED'] });
          expect(up.edges, `producers of ${o.artifact.name}`).toHaveLength(1);
        }
        // No edge is duplicated.
        const graph = await store.traverse({ startIds: [id], direction: 'BOTH', maxDepth: 4, nodeLimit: 10_000 });
        const keys = graph.edges.map((e) => `${e.from} ${e.type} ${e.to}`);
        expect(new Set(keys).size).toBe(keys.length);
        // Each step really ran to its end at least once.
        const lines = await counterLines(id);
        for (const s of ran) if (s.stepName !== 'gate') expect(lines, s.stepName).toContain(`end ${s.stepName}`);
      }
    } finally {
      await store.close();
    }
    console.log(`durability: ${kills} kills (${plans.map((p) => p.kind).join(', ')}) over ${finished.length} execution(s)`);
  });
});
