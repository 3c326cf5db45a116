import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, pedigree } from './run-pedigree.ts';

/*
 * validate, upsert, start, a failed run, retry, logs, cache reuse and invalidation through the real
 * binary, with a two-step command pipeline whose second step fails until a flag file exists.
 */
const FLAKY = path.join(CLI_ROOT, 'test/fixtures/flaky-pipeline.ts');
let work: string;
let dataDir: string;
let flag: string;
const cli = (...args: string[]) => pedigree(args, { dataDir, cwd: work });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-lifecycle-'));
  dataDir = path.join(work, 'data');
  flag = path.join(work, 'flag');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('validate', () => {
  it('accepts a valid pipeline module and names its hash', async () => {
    const r = await cli('validate', FLAKY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^valid: pipeline flaky, 2 steps, 1 parameter, definition hash sha256:[0-9a-f]{64}$/m);
  });

  it('lists every problem of an invalid definition with its path and exits 1', async () => {
    const file = path.join(work, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: '1',
        name: 'bad name!',
        description: null,
        parameters: [],
        maxParallelSteps: null,
        steps: [
          {
            name: 'a',
            type: 'fail',
            displayName: null,
            description: null,
            dependsOn: ['missing'],
            errorMessage: { kind: 'literal', value: 'x' },
          },
        ],
      }),
    );
    const r = await cli('validate', file, '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.valid).toBe(false);
    expect(result.issues.length).toBeGreaterThanOrEqual(2);
    for (const issue of result.issues) expect(typeof issue.path).toBe('string');
    expect(r.stderr.trim()).toMatch(/^error: .*bad\.json is not a valid pipeline: \d+ problems$/);
    const text = await cli('validate', file);
    expect(text.stderr.trim()).toMatch(/^error: .*bad\.json is not a valid pipeline: \d+ problems \(listed above\)$/);
    expect(text.stdout).toMatch(/^name: /m);
    expect(text.stdout).toMatch(/^steps\[0\]\(a\)\.dependsOn/m);
  });
});

describe('a failing run, retry, logs and the cache', () => {
  let failedId: string;

  it('exits 1 when a step fails, naming the step', async () => {
    const r = await cli('run', FLAKY, '--param', `Flag=${flag}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ Check\s+Failed/m);
    expect(r.stderr.trim()).toMatch(/^error: execution ex_\w+ Failed: Step Check failed/);
    failedId = /Execution (ex_\w+) started/.exec(r.stdout)![1]!;
  });

  it('prints the failed step’s stderr and the first step’s stdout', async () => {
    const [check, hello] = await Promise.all([
      cli('executions', 'logs', failedId, 'Check'),
      cli('executions', 'logs', failedId, 'Hello', '--stream', 'stdout'),
    ]);
    expect(check.stdout).toBe('no flag\n');
    expect(hello.stdout).toBe('hello from a step\n');
  });

  it('retries only the failed step once the cause is fixed', async () => {
    await writeFile(flag, '');
    const r = await cli('executions', 'retry', failedId);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Hello/);
    expect(r.stdout).toMatch(/^✓ Check\s+Succeeded\s+\S+\s+ran attempt 2$/m);
  });

  it('upserts the same definition as the same version and starts it by name, reusing the cached step', async () => {
    const up = await cli('upsert', FLAKY, '--json');
    expect(JSON.parse(up.stdout)).toMatchObject({ created: false, pipelineName: 'flaky', version: 1 });
    const r = await cli('start', 'flaky', '--param', `Flag=${flag}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^↺ Hello\s+Cached\s+\S+\s+cache hit$/m);
    expect(r.stdout).toMatch(/\(fully cached: the one cacheable step reused an earlier result\)$/m);
    const bad = await cli('start', 'flaky', '--pipeline-version', '9');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('error: pipeline flaky has no version 9 (latest is 1)');
  });

  it('runs the step again after its cache is invalidated', async () => {
    const inv = await cli('cache', 'invalidate', '--pipeline', 'flaky', '--json');
    expect(JSON.parse(inv.stdout).invalidatedStepExecutionIds.length).toBeGreaterThan(0);
    const r = await cli('start', 'flaky', '--param', `Flag=${flag}`);
    expect(r.stdout).toMatch(/^✓ Hello\s+Succeeded\s+\S+\s+ran$/m);
    const latest = JSON.parse((await cli('executions', 'list', '--json', '--limit', '1')).stdout).executions[0].id;
    const explain = await cli('cache', 'explain', latest, 'Hello');
    expect(explain.stdout).toMatch(/cache miss: /);
  });
});
