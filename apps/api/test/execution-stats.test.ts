import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../src/modules/execution/execution-service.ts';
import { smallPipeline, writeInputData } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { run, upsert } from './seed.ts';

const STATS = `query($name: String!, $since: DateTime, $limit: Int) {
  executionStats(pipelineName: $name, since: $since, limit: $limit) {
    pipelineName since total truncated byStatus { status count } p50DurationMs p95DurationMs cacheLookups cacheHits cacheHitRatio
  }
}`;

type Stats = {
  pipelineName: string;
  since: string | null;
  total: number;
  truncated: boolean;
  byStatus: { status: string; count: number }[];
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  cacheLookups: number;
  cacheHits: number;
  cacheHitRatio: number | null;
};

let h: Harness;
const durations: number[] = [];
let beforeLast = '';
beforeAll(async () => {
  h = await createHarness();
  writeInputData(h.runtime.config.projectRoot);
  await upsert(h, smallPipeline());
  await upsert(h, smallPipeline('other'));
  // Run 1 misses the cache (2 lookups), run 2 hits it for both steps, run 3 fails in train
  // (prepare hits, train misses: new arguments), and one run of another pipeline.
  for (const parameters of [{}, {}, { Fail: true }]) {
    if (parameters.Fail) beforeLast = new Date().toISOString();
    const execution = await run(h, 'small', parameters);
    durations.push(Date.parse(execution.endedAt!) - Date.parse(execution.startedAt));
  }
  await run(h, 'other');
}, 120_000);
afterAll(async () => h.close());

const stats = async (variables: Record<string, unknown>) => {
  const { body } = await h.gql<{ executionStats: Stats }>(STATS, variables, { token: 'viewer' });
  return body;
};

describe('executionStats', () => {
  it('counts a pipeline’s executions by status, with p50/p95 duration and the cache hit ratio', async () => {
    const body = await stats({ name: 'small' });
    expect(body.errors).toBeUndefined();
    const s = body.data!.executionStats;
    expect(s).toMatchObject({ pipelineName: 'small', since: null, total: 3, truncated: false });
    expect(Object.fromEntries(s.byStatus.map((b) => [b.status, b.count]))).toEqual({
      Executing: 0,
      Succeeded: 2,
      Failed: 1,
      Stopping: 0,
      Stopped: 0,
    });
    const sorted = [...durations].sort((a, b) => a - b);
    expect(s.p50DurationMs).toBe(sorted[1]);
    expect(s.p95DurationMs).toBe(sorted[2]);
    // Lookups: prepare and train in each run (register has no cache key).
    expect(s.cacheLookups).toBe(6);
    expect(s.cacheHits).toBe(3);
    expect(s.cacheHitRatio).toBeCloseTo(0.5);
  });

  it('since narrows the window and limit bounds the read (truncated says so)', async () => {
    const since = (await stats({ name: 'small', since: beforeLast })).data!.executionStats;
    expect(since).toMatchObject({ since: beforeLast, total: 1, truncated: false });
    expect(since.byStatus.find((b) => b.status === 'Failed')!.count).toBe(1);
    const limited = (await stats({ name: 'small', limit: 2 })).data!.executionStats;
    expect(limited).toMatchObject({ total: 2, truncated: true });
  });

  it('a pipeline without executions has zero counts and null figures', async () => {
    const s = (await stats({ name: 'none' })).data!.executionStats;
    expect(s).toMatchObject({ total: 0, truncated: false, p50DurationMs: null, p95DurationMs: null, cacheHitRatio: null, cacheLookups: 0 });
  });

  it('refuses a limit beyond the cap and a malformed since, naming the argument', async () => {
    const tooMany = await stats({ name: 'small', limit: 1_000_000 });
    expect(tooMany.errors?.[0]?.message).toMatch(/limit/);
    const bad = await stats({ name: 'small', since: 'yesterday' });
    expect(bad.errors?.[0]?.message).toMatch(/since|DateTime/);
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(95);
  });
});
