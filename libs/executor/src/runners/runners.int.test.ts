import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepRunRequest } from '../step-runner.ts';
import { createHandlerRunner } from './handler-runner.ts';
import { createSubprocessRunner } from './subprocess-runner.ts';

let dir: string;
const handlers = createHandlerRunner({ threads: 1 });
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pedigree-runners-'));
  await mkdir(path.join(dir, 'out'), { recursive: true });
  await writeFile(
    path.join(dir, 'h.ts'),
    `export function ok(ctx: any) { ctx.log('line one\\nline two'); return { answer: 42, args: ctx.args }; }
export function boom() { throw new Error('bad input row 7'); }
export function crash() { process.exit(3); }
export function text() { return 'not an object'; }
`,
  );
});
afterAll(async () => {
  await handlers.close();
  await rm(dir, { recursive: true, force: true });
});

function request(run: StepRunRequest['run'], logs: string[] = [], extra: Partial<StepRunRequest> = {}): StepRunRequest {
  return {
    executionId: 'ex_1',
    pipelineName: 'p',
    stepName: 's',
    attempt: 1,
    run,
    inputs: { trainData: path.join(dir, 'in.csv') },
    outputs: { model: path.join(dir, 'out') },
    propertyFiles: { metrics: path.join(dir, 'out', 'metrics.json') },
    args: { learningRate: 0.1 },
    env: { DECLARED: 'yes' },
    workDir: dir,
    onLog: (stream, line) => logs.push(`${stream}:${line}`),
    killGraceMs: 200,
    ...extra,
  };
}

const handler = (exportName: string) => ({ kind: 'handler' as const, modulePath: path.join(dir, 'h.ts'), exportName, version: '1' });

describe('handler runner', () => {
  it('runs a TypeScript handler off the main thread with the step context and returns its properties', async () => {
    const logs: string[] = [];
    const result = await handlers.run(request(handler('ok'), logs), new AbortController().signal);
    expect(result).toMatchObject({ ok: true, result: { answer: 42, args: { learningRate: 0.1 } } });
    expect(logs).toEqual(['stdout:line one', 'stdout:line two']);
  });

  it('reports a throwing handler as failure kind error with its message, a dying worker as runner-crash', async () => {
    expect(await handlers.run(request(handler('boom')), new AbortController().signal)).toMatchObject({
      ok: false,
      failureKind: 'error',
      message: 'bad input row 7',
    });
    expect(await handlers.run(request(handler('crash')), new AbortController().signal)).toMatchObject({
      ok: false,
      failureKind: 'runner-crash',
    });
    expect(await handlers.run(request(handler('missing')), new AbortController().signal)).toMatchObject({
      ok: false,
      message: expect.stringContaining('"missing"'),
    });
    expect(await handlers.run(request(handler('text')), new AbortController().signal)).toMatchObject({
      ok: false,
      message: expect.stringContaining('only an object'),
    });
    // The pool replaced the dead worker.
    expect((await handlers.run(request(handler('ok')), new AbortController().signal)).ok).toBe(true);
  });
});

describe('subprocess runner', () => {
  it('gives a command only its declared environment, PATH and the PEDIGREE_* variables, and never a shell', async () => {
    process.env['PEDIGREE_TEST_SECRET'] = 'do-not-leak';
    const runner = createSubprocessRunner();
    const logs: string[] = [];
    const script = "console.log(Object.keys(process.env).sort().join(',')); console.error('to stderr')";
    const result = await runner.run(
      request({ kind: 'command', argv: ['node', '-e', script, '$HOME;', '&&', 'echo'] }, logs),
      new AbortController().signal,
    );
    delete process.env['PEDIGREE_TEST_SECRET'];
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(logs[0]).toBe(
      'stdout:DECLARED,PATH,PEDIGREE_ARG_LEARNING_RATE,PEDIGREE_INPUT_TRAIN_DATA,PEDIGREE_OUTPUT_MODEL,PEDIGREE_PROPERTY_FILES',
    );
    expect(logs).toContain('stderr:to stderr');
    await runner.close();
  });

  it('reports exit codes, a missing program, and death by signal', async () => {
    const runner = createSubprocessRunner();
    expect(
      await runner.run(request({ kind: 'command', argv: ['node', '-e', 'process.exit(4)'] }), new AbortController().signal),
    ).toMatchObject({ ok: false, failureKind: 'exit-code', exitCode: 4 });
    expect(await runner.run(request({ kind: 'command', argv: ['/nonexistent/program'] }), new AbortController().signal)).toMatchObject({
      ok: false,
      failureKind: 'error',
    });
    expect(
      await runner.run(
        request({ kind: 'command', argv: ['node', '-e', "process.kill(process.pid, 'SIGSEGV')"] }),
        new AbortController().signal,
      ),
    ).toMatchObject({ ok: false, failureKind: 'runner-crash' });
    await runner.close();
  });
});
