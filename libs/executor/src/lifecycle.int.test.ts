import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalDigest, createExecutionId, type StepStatus } from '@pedigree/domain';
import type { Clock } from './clock.ts';
import { createHandlerRunner } from './runners/handler-runner.ts';
import type { ExecutorEvent } from './events.ts';
import { createTestExecutor, testPipeline, type TestExecutor } from './testing/index.ts';

let t: TestExecutor | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

const lit = (value: string | number | boolean) => ({ kind: 'literal' as const, value });
/** A command step running an inline Node script. */
const nodeStep = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'processing',
  run: { kind: 'command', argv: [lit('node'), lit('-e'), lit(script)] },
  ...extra,
});

function waitForEvent(tx: TestExecutor, predicate: (e: ExecutorEvent) => boolean): Promise<ExecutorEvent> {
  const seen = tx.events.find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const off = tx.executor.events.on((e) => {
      if (predicate(e)) {
        off();
        resolve(e);
      }
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('starting', () => {
  it('refuses wrongly typed or missing parameters before anything runs', async () => {
    t = await createTestExecutor();
    const def = testPipeline({
      name: 'params',
      parameters: [{ name: 'Epochs', type: 'Integer', default: null }],
      steps: [nodeStep('a', '')],
    });
    await expect(t.executor.start(def, { Epochs: 'ten' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [expect.objectContaining({ path: 'parameters.Epochs' })],
    });
    await expect(t.executor.start(def, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [expect.objectContaining({ path: 'parameters.Epochs' })],
    });
    expect((await t.store.listExecutions()).items).toHaveLength(0);
  });
});

describe('starting by version and by id', () => {
  it('runs a stored pipeline version, and a start repeated with the same execution id creates and runs nothing new', async () => {
    t = await createTestExecutor();
    const def = testPipeline({ name: 'by-version', steps: [nodeStep('a', 'setTimeout(() => {}, 100)')] });
    const first = await t.executor.start(def);
    await t.executor.wait(first);
    const { pipelineVersionId } = await t.store.getExecution(first);
    const executionId = createExecutionId();
    const stream = t.executor.events.stream({ executionId, types: ['execution-status'] });
    const [a, b] = await Promise.all([
      t.executor.start({ pipelineVersionId }, {}, { executionId }),
      t.executor.start({ pipelineVersionId }, {}, { executionId }),
    ]);
    expect(a).toBe(executionId);
    expect(b).toBe(executionId);
    expect((await t.executor.wait(executionId)).status).toBe('Succeeded');
    const statuses: string[] = [];
    for await (const e of stream) {
      if (e.type === 'execution-status') statuses.push(e.status);
      if (e.type === 'execution-status' && e.status === 'Succeeded') break;
    }
    expect(statuses[statuses.length - 1]).toBe('Succeeded');
    const { steps } = await t.outcome(executionId);
    expect(steps['a']!.attempts).toHaveLength(1);
    expect((await t.store.listExecutions()).items).toHaveLength(2);
  });
});

describe('scheduling', () => {
  it('runs at most maxParallelSteps steps at once, and does reach that many', async () => {
    t = await createTestExecutor();
    const steps = ['a', 'b', 'c', 'd', 'e'].map((n) => nodeStep(n, 'setTimeout(() => {}, 300)'));
    const running = new Set<string>();
    let peak = 0;
    t.executor.events.on((e) => {
      if (e.type !== 'step-status') return;
      if (e.status === 'Executing') running.add(e.stepName);
      else running.delete(e.stepName);
      peak = Math.max(peak, running.size);
    });
    const { execution } = await t.run({ name: 'parallel', maxParallelSteps: 2, steps });
    expect(execution.status).toBe('Succeeded');
    expect(peak).toBe(2);
  });

  it('starts a step only after its dependencies succeeded (dependsOn and data)', async () => {
    t = await createTestExecutor();
    const order: string[] = [];
    t.executor.events.on((e) => {
      if (e.type === 'step-status' && (e.status === 'Executing' || e.status === 'Succeeded')) order.push(`${e.stepName}:${e.status}`);
    });
    const { execution } = await t.run({
      name: 'deps',
      steps: [nodeStep('second', 'setTimeout(() => {}, 50)', { dependsOn: ['first'] }), nodeStep('first', 'setTimeout(() => {}, 200)')],
    });
    expect(execution.status).toBe('Succeeded');
    expect(order.indexOf('first:Succeeded')).toBeLessThan(order.indexOf('second:Executing'));
  });
});

describe('retries and timeouts', () => {
  it('retries listed exit codes with exponential backoff and records each attempt', async () => {
    const delays: number[] = [];
    const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void delays.push(ms) };
    t = await createTestExecutor({ clock, random: () => 1 });
    const counter = path.join(t.dir, 'attempts.txt');
    await writeFile(counter, '');
    const script = `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(counter)}, 'x'); process.exit(fs.readFileSync(${JSON.stringify(counter)}, 'utf8').length < 3 ? 75 : 0)`;
    const retry = {
      maxAttempts: 3,
      initialIntervalSeconds: 0.05,
      backoffRate: 2,
      maxIntervalSeconds: 10,
      retryOn: ['exit-code'],
      exitCodes: [75],
    };
    const { execution, steps } = await t.run({ name: 'retrying', steps: [nodeStep('flaky', script, { retry })] });
    expect(execution.status).toBe('Succeeded');
    const attempts = steps['flaky']!.attempts;
    expect(attempts.map((a) => [a.status, a.failureKind, a.exitCode])).toEqual([
      ['Failed', 'exit-code', 75],
      ['Failed', 'exit-code', 75],
      ['Succeeded', null, null],
    ]);
    expect(delays).toEqual([50, 100]);
  });

  it('does not retry an exit code the policy does not list', async () => {
    t = await createTestExecutor({ clock: { now: () => Date.now(), sleep: async () => undefined } });
    const retry = {
      maxAttempts: 3,
      initialIntervalSeconds: 0,
      backoffRate: 1,
      maxIntervalSeconds: 0,
      retryOn: ['exit-code'],
      exitCodes: [75],
    };
    const { execution, steps } = await t.run({ name: 'noretry', steps: [nodeStep('bad', 'process.exit(3)', { retry })] });
    expect(execution.status).toBe('Failed');
    expect(execution.failureReason).toContain('exited with code 3');
    expect(steps['bad']!.attempts).toHaveLength(1);
  });

  it('fails a step that runs past its timeout with failure kind timeout, and retries it when the policy says so', async () => {
    t = await createTestExecutor({ killGraceMs: 200, clock: { now: () => Date.now(), sleep: async () => undefined } });
    const started = Date.now();
    const retry = {
      maxAttempts: 2,
      initialIntervalSeconds: 0,
      backoffRate: 1,
      maxIntervalSeconds: 0,
      retryOn: ['timeout'],
      exitCodes: null,
    };
    const { execution, steps } = await t.run({
      name: 'slow',
      steps: [nodeStep('slow', 'setTimeout(() => {}, 20000)', { timeoutSeconds: 0.3, retry })],
    });
    expect(Date.now() - started).toBeLessThan(15_000); // generous for a loaded CI machine; the step itself runs 20 s or forever
    expect(execution.status).toBe('Failed');
    expect(steps['slow']!.attempts.map((a) => a.failureKind)).toEqual(['timeout', 'timeout']);
    expect(execution.failureReason).toContain('timed out');
  });
});

describe('more ways to end', () => {
  it('stops an execution whose step waits in retry backoff, without waiting the delay out', async () => {
    t = await createTestExecutor();
    const retry = {
      maxAttempts: 3,
      initialIntervalSeconds: 60,
      backoffRate: 1,
      maxIntervalSeconds: 60,
      retryOn: ['exit-code'],
      exitCodes: null,
    };
    const id = await t.executor.start(testPipeline({ name: 'backoff-stop', steps: [nodeStep('flaky', 'process.exit(1)', { retry })] }));
    await waitForEvent(t, (e) => e.type === 'step-status' && e.status === 'Failed');
    const stoppedAt = Date.now();
    await t.executor.stop(id);
    expect((await t.executor.wait(id)).status).toBe('Stopped');
    expect(Date.now() - stoppedAt).toBeLessThan(10_000); // generous for a loaded CI machine; the step itself never ends
    expect((await t.outcome(id)).steps['flaky']!.attempts).toHaveLength(1);
  });

  it('fails a callback step that gets no signal within its timeout', async () => {
    t = await createTestExecutor();
    const { execution, steps } = await t.run({
      name: 'callback-timeout',
      steps: [{ name: 'approve', type: 'callback', timeoutSeconds: 0.2 }],
    });
    expect(execution.status).toBe('Failed');
    expect(steps['approve']!.attempts[0]).toMatchObject({ status: 'Failed', failureKind: 'timeout' });
  });

  it('counts a handler step timeout from when a worker takes it, not from when it queued for one', async () => {
    t = await createTestExecutor({ runners: [createHandlerRunner({ threads: 1 })] });
    await t.writeProjectFile('nap.ts', `export async function nap() { await new Promise((resolve) => setTimeout(resolve, 400)); }\n`);
    const nap = (name: string) => ({
      name,
      type: 'processing',
      run: { kind: 'handler', module: 'nap.ts', export: 'nap' },
      timeoutSeconds: 0.7,
    });
    // One worker, three steps of 0.4 s each: the last one waits 0.8 s for the worker, longer than its timeout.
    const { execution } = await t.run({ name: 'queued', steps: [nap('a'), nap('b'), nap('c')] });
    expect(execution.status, execution.failureReason ?? '').toBe('Succeeded');
  });

  it('times out a handler step that ignores its AbortSignal by terminating its worker', async () => {
    t = await createTestExecutor({ killGraceMs: 200 });
    await t.writeProjectFile('busy.ts', `export async function spin() { await new Promise(() => {}); }\n`);
    const started = Date.now();
    const { execution, steps } = await t.run({
      name: 'handler-timeout',
      steps: [{ name: 'spin', type: 'processing', run: { kind: 'handler', module: 'busy.ts', export: 'spin' }, timeoutSeconds: 0.3 }],
    });
    expect(execution.status).toBe('Failed');
    expect(steps['spin']!.attempts[0]!.failureKind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(15_000); // generous for a loaded CI machine; the step itself runs 20 s or forever
  });
});

describe('stop', () => {
  it('moves Executing -> Stopping -> Stopped, sends SIGTERM and then SIGKILL to a command that ignores SIGTERM', async () => {
    t = await createTestExecutor({ killGraceMs: 300 });
    const pidFile = path.join(t.dir, 'pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); process.on('SIGTERM', () => console.log('got SIGTERM')); setInterval(() => {}, 1000)`;
    const id = await t.executor.start(
      testPipeline({ name: 'stubborn', steps: [nodeStep('stubborn', script), nodeStep('after', '', { dependsOn: ['stubborn'] })] }),
    );
    await waitForEvent(t, (e) => e.type === 'step-status' && e.status === 'Executing');
    await new Promise((r) => setTimeout(r, 300));
    const pid = Number(await readFile(pidFile, 'utf8'));
    const stoppedAt = Date.now();
    await t.executor.stop(id);
    const execution = await t.executor.wait(id);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(280);
    expect(execution.status).toBe('Stopped');
    expect(processAlive(pid)).toBe(false);
    const { steps } = await t.outcome(id);
    expect(steps['stubborn']!.status).toBe('Stopped');
    expect(steps['after']).toBeUndefined();
    const statuses = t.events.flatMap((e) => (e.type === 'execution-status' ? [e.status] : []));
    expect(statuses).toEqual(['Executing', 'Stopping', 'Stopped']);
    const stepStatuses = t.events.flatMap((e) => (e.type === 'step-status' ? [e.status] : [])) as StepStatus[];
    expect(stepStatuses).toEqual(['Starting', 'Executing', 'Stopping', 'Stopped']);
    const logs = t.events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
    expect(logs).toContain('got SIGTERM');
  });

  it('stops an execution that another executor on the same store runs (as the CLI stops one the API runs)', async () => {
    t = await createTestExecutor({ killGraceMs: 300 });
    const other = await createTestExecutor({ store: t.store, dataDir: t.dataDir, killGraceMs: 300 });
    try {
      const id = await t.executor.start(testPipeline({ name: 'remote-stop', steps: [nodeStep('long', 'setInterval(() => {}, 1000)')] }));
      await waitForEvent(t, (e) => e.type === 'step-status' && e.status === 'Executing');
      const stoppedAt = Date.now();
      await other.executor.stop(id);
      expect((await t.executor.wait(id)).status).toBe('Stopped');
      // The step never ends by itself, so reaching Stopped proves the stop arrived; the bound only
      // guards against waiting out a long timeout (the run polls the store every 500 ms). Generous,
      // because a loaded 2-core CI machine stretches wall time.
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      expect((await t.outcome(id)).steps['long']!.status).toBe('Stopped');
    } finally {
      await other.cleanup();
    }
  });

  it('stops an execution no process runs any more', async () => {
    t = await createTestExecutor({ killGraceMs: 100 });
    const def = testPipeline({ name: 'ownerless', steps: [nodeStep('a', '')] });
    const { version } = await t.store.upsertPipelineVersion({
      pipelineName: def.name,
      definition: def as never,
      definitionHash: canonicalDigest(def),
    });
    const execution = await t.store.createExecution({ pipelineVersionId: version.id, parameters: {} });
    await t.executor.stop(execution.id);
    expect((await t.store.getExecution(execution.id)).status).toBe('Stopped');
    await expect(t.executor.stop(execution.id)).rejects.toMatchObject({ code: 'EXECUTION_NOT_RUNNABLE' });
  });

  it('stops a handler step through its AbortSignal', async () => {
    t = await createTestExecutor({ killGraceMs: 5000 });
    await t.writeProjectFile(
      'h.ts',
      `export async function wait(ctx: any) { ctx.log('waiting'); await new Promise((resolve) => { if (ctx.signal.aborted) resolve(null); ctx.signal.addEventListener('abort', resolve); }); }\n`,
    );
    const id = await t.executor.start(
      testPipeline({
        name: 'coop',
        steps: [{ name: 'wait', type: 'processing', run: { kind: 'handler', module: 'h.ts', export: 'wait' } }],
      }),
    );
    await waitForEvent(t, (e) => e.type === 'log' && e.line === 'waiting');
    const stoppedAt = Date.now();
    await t.executor.stop(id);
    expect((await t.executor.wait(id)).status).toBe('Stopped');
    expect((await t.outcome(id)).steps['wait']!.status).toBe('Stopped');
    expect(Date.now() - stoppedAt).toBeLessThan(10_000); // generous for a loaded CI machine; the step itself never ends
  });
});

describe('retrying an execution', () => {
  it('re-runs only the steps that did not succeed, for Failed and for Stopped executions', async () => {
    t = await createTestExecutor();
    const log = path.join(t.dir, 'runs.txt');
    const gate = path.join(t.dir, 'gate');
    const def = testPipeline({
      name: 'retry-exec',
      steps: [
        nodeStep('one', `require('fs').appendFileSync(${JSON.stringify(log)}, 'one\\n')`),
        nodeStep(
          'two',
          `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(log)}, 'two\\n'); if (!fs.existsSync(${JSON.stringify(gate)})) process.exit(1)`,
          { dependsOn: ['one'] },
        ),
        nodeStep('three', `require('fs').appendFileSync(${JSON.stringify(log)}, 'three\\n')`, { dependsOn: ['two'] }),
      ],
    });
    const id = await t.executor.start(def);
    expect((await t.executor.wait(id)).status).toBe('Failed');
    await expect(t.executor.retry(id)).resolves.toBe(id);
    expect((await t.executor.wait(id)).status).toBe('Failed');
    await writeFile(gate, '');
    await t.executor.retry(id);
    const ended = await t.executor.wait(id);
    expect(ended.status).toBe('Succeeded');
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['one', 'two', 'two', 'two', 'three']);
    const { steps } = await t.outcome(id);
    expect(steps['two']!.attempts.map((a) => a.status)).toEqual(['Failed', 'Failed', 'Succeeded']);
    await expect(t.executor.retry(id)).rejects.toMatchObject({ code: 'EXECUTION_NOT_RUNNABLE' });
  });

  it('retries a Stopped execution', async () => {
    t = await createTestExecutor({ killGraceMs: 200 });
    const gate = path.join(t.dir, 'gate');
    const def = testPipeline({
      name: 'retry-stopped',
      steps: [
        nodeStep(
          'wait',
          `const fs = require('fs'); const i = setInterval(() => { if (fs.existsSync(${JSON.stringify(gate)})) clearInterval(i) }, 20)`,
        ),
      ],
    });
    const id = await t.executor.start(def);
    await waitForEvent(t, (e) => e.type === 'step-status' && e.status === 'Executing');
    await t.executor.stop(id);
    expect((await t.executor.wait(id)).status).toBe('Stopped');
    await writeFile(gate, '');
    await t.executor.retry(id);
    expect((await t.executor.wait(id)).status).toBe('Succeeded');
  });
});

describe('conditions, callbacks and model registration', () => {
  it('fails a condition over a missing property with a message naming the property', async () => {
    t = await createTestExecutor();
    const { execution, steps } = await t.run({
      name: 'missing-prop',
      steps: [
        nodeStep(
          'evaluate',
          `require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_REPORT + '/eval.json', JSON.stringify({ metrics: { accuracy: 0.9 } }))`,
          {
            type: 'evaluation',
            outputs: [{ name: 'report', type: 'Metrics' }],
            propertyFiles: [{ name: 'evaluation', output: 'report', path: 'eval.json' }],
          },
        ),
        {
          name: 'gate',
          type: 'condition',
          conditions: [
            {
              kind: 'greaterThan',
              left: { kind: 'jsonGet', step: 'evaluate', propertyFile: 'evaluation', path: 'metrics.f1' },
              right: lit(0.5),
            },
          ],
          ifSteps: ['ship'],
        },
        nodeStep('ship', ''),
      ],
    });
    expect(execution.status).toBe('Failed');
    expect(steps['gate']!.status).toBe('Failed');
    expect(steps['gate']!.failureReason).toContain('metrics.f1');
    expect(steps['gate']!.attempts[0]!.failureKind).toBe('condition');
    expect(execution.failureReason).toContain('metrics.f1');
    expect(steps['ship']).toBeUndefined();
  });

  it('waits for a callback signal, validates its outputs, and passes them downstream', async () => {
    t = await createTestExecutor();
    const out = path.join(t.dir, 'approver.txt');
    const def = testPipeline({
      name: 'approval',
      steps: [
        { name: 'approve', type: 'callback', message: lit('please approve'), outputs: [{ name: 'approver', type: 'String' }] },
        nodeStep('deploy', `require('fs').writeFileSync(${JSON.stringify(out)}, process.env.PEDIGREE_ARG_APPROVER)`, {
          arguments: { approver: { kind: 'callbackOutput', step: 'approve', output: 'approver' } },
        }),
      ],
    });
    const id = await t.executor.start(def);
    await waitForEvent(t, (e) => e.type === 'step-status' && e.stepName === 'approve' && e.status === 'Executing');
    await expect(t.executor.signal(id, 'approve', 'Succeeded', { approver: 42 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(t.executor.signal(id, 'deploy', 'Succeeded', {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const record = await t.executor.signal(id, 'approve', 'Succeeded', { approver: 'ada' });
    expect(record.status).toBe('Succeeded');
    expect((await t.executor.wait(id)).status).toBe('Succeeded');
    expect(await readFile(out, 'utf8')).toBe('ada');
    expect(t.events.some((e) => e.type === 'log' && e.line === 'please approve')).toBe(true);
  });

  it('continues when another executor on the same store delivers the signal (as the CLI signals one the API runs)', async () => {
    t = await createTestExecutor();
    const other = await createTestExecutor({ store: t.store });
    try {
      const def = testPipeline({
        name: 'remote-signal',
        steps: [
          { name: 'approve', type: 'callback', outputs: [{ name: 'by', type: 'String' }] },
          nodeStep('after', '', { dependsOn: ['approve'] }),
        ],
      });
      const id = await t.executor.start(def);
      await waitForEvent(t, (e) => e.type === 'step-status' && e.stepName === 'approve' && e.status === 'Executing');
      await other.executor.signal(id, 'approve', 'Succeeded', { by: 'grace' });
      expect((await t.executor.wait(id)).status).toBe('Succeeded');
      expect((await t.outcome(id)).steps['approve']!.properties).toMatchObject({ outputs: { by: 'grace' } });
    } finally {
      await other.cleanup();
    }
  });

  it('fails the execution when the callback reports failure', async () => {
    t = await createTestExecutor();
    const id = await t.executor.start(testPipeline({ name: 'rejected', steps: [{ name: 'approve', type: 'callback' }] }));
    await waitForEvent(t, (e) => e.type === 'step-status' && e.status === 'Executing');
    await t.executor.signal(id, 'approve', 'Failed', {}, { reason: 'rejected by ada' });
    const ended = await t.executor.wait(id);
    expect(ended.status).toBe('Failed');
    expect(ended.failureReason).toContain('rejected by ada');
  });

  it('registers a model package with metrics from a property file', async () => {
    t = await createTestExecutor();
    const { execution, steps } = await t.run({
      name: 'register',
      steps: [
        nodeStep(
          'train',
          `require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_MODEL + '/model.json', '{}'); require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_MODEL + '/eval.json', '{"accuracy":0.97}')`,
          {
            type: 'training',
            outputs: [{ name: 'model', type: 'Model' }],
            propertyFiles: [{ name: 'eval', output: 'model', path: 'eval.json' }],
          },
        ),
        {
          name: 'register',
          type: 'register-model',
          modelPackageGroup: 'iris-models',
          model: { step: 'train', output: 'model' },
          metrics: { accuracy: { kind: 'jsonGet', step: 'train', propertyFile: 'eval', path: 'accuracy' } },
        },
      ],
    });
    expect(execution.status, execution.failureReason ?? '').toBe('Succeeded');
    const packages = await t.store.listModelPackages({ group: 'iris-models' });
    expect(packages.items).toHaveLength(1);
    expect(packages.items[0]).toMatchObject({
      approvalStatus: 'PendingManualApproval',
      metrics: { accuracy: 0.97 },
      stepExecutionId: steps['register']!.id,
    });
    expect(steps['register']!.properties).toMatchObject({ modelPackageId: packages.items[0]!.id, modelPackageVersion: 1 });
  });
});
