/**
 * `npm run bench:executor [-- --json] [--steps N] [--tmp DIR] [--durability full|normal] [--keep]`: orchestration overhead per step
 * and time per cache hit of the executor on a 1,000-step pipeline of trivial handler steps, on the
 * embedded SQLite store with a temporary data directory. Targets: <= 5 ms overhead per step and
 * <= 2 ms per cache hit; the exit code is 0 either way (the figures are the result), 1 on a crash.
 */
import { parseArgs } from 'node:util';
import { runExecutorBenchmark, type ExecutorBenchResult } from './executor-run.ts';

export const TARGETS = { perStepOverheadMs: 5, cacheHitPerStepMs: 2 } as const;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    steps: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
    tmp: { type: 'string' },
    durability: { type: 'string', default: 'full' },
  },
});

if (values.durability !== 'full' && values.durability !== 'normal') {
  console.error(`--durability must be full or normal, got ${values.durability}`);
  process.exit(2);
}
const result = await runExecutorBenchmark({
  durability: values.durability,
  steps: Number(values.steps),
  keepDataDir: values.keep,
  ...(values.tmp ? { tmpRoot: values.tmp } : {}),
});
const withTargets = {
  ...result,
  targets: TARGETS,
  meetsTargets: result.perStepOverheadMs <= TARGETS.perStepOverheadMs && result.cacheHitPerStepMs <= TARGETS.cacheHitPerStepMs,
};
if (values.json) console.log(JSON.stringify(withTargets));
else console.log(table(result));
process.exit(0);

function table(r: ExecutorBenchResult): string {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  const verdict = (value: number, target: number) => (value <= target ? `ok (<= ${target} ms)` : `MISSED (target <= ${target} ms)`);
  const rows: [string, string, string][] = [
    [
      'steps',
      String(r.steps),
      `${r.cpus} CPUs, maxParallelSteps ${r.maxParallelSteps}, data under ${r.tmpRoot}, SQLite durability ${r.durability}`,
    ],
    ['load average (1 min)', r.loadAverage.map((l) => l.toFixed(1)).join(' -> '), 'before -> after; other work skews the figures'],
    ['fsync on the data dir', ms(r.fsyncMs), 'paid by every durable store commit'],
    ['compile definition', ms(r.compileMs), 'SDK build + compilePipeline'],
    ['warm-up (50 steps)', ms(r.warmupMs), 'worker pool start, not counted below'],
    ['cold run total', ms(r.totalMs), `${ms(r.handlerMs)} inside handlers`],
    ['overhead per step', ms(r.perStepOverheadMs), verdict(r.perStepOverheadMs, TARGETS.perStepOverheadMs)],
    ['wall time per step', ms(r.perStepWallMs), `mean recorded step span ${ms(r.meanStepSpanMs)}`],
    ['CPU per step', ms(r.cpuMsPerStep.cold), 'process user + system time, cold run'],
    ['store writes per step', r.storeWritesPerStep.cold.toFixed(2), 'cold run; one transaction (commit) each'],
    ['cached run total', ms(r.cachedTotalMs), 'every step a cache hit'],
    ['per cache hit', ms(r.cacheHitPerStepMs), verdict(r.cacheHitPerStepMs, TARGETS.cacheHitPerStepMs)],
    ['CPU per cache hit', ms(r.cpuMsPerStep.cached), 'process user + system time, cached run'],
    ['store writes per hit', r.storeWritesPerStep.cached.toFixed(2), 'cached run'],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const calls = (title: string, summary: ExecutorBenchResult['calls']['cold']) => [
    '',
    `${title}: port calls, most time first (calls per step, ms per step; concurrent calls overlap)`,
    ...summary
      .slice(0, 8)
      .map((c) => `  ${c.name.padEnd(36)} ${c.callsPerStep.toFixed(2).padStart(6)} calls  ${c.msPerStep.toFixed(2).padStart(7)} ms`),
  ];
  return [
    'executor benchmark',
    ...rows.map(line),
    ...calls('cold run', r.calls.cold),
    ...calls('cached run', r.calls.cached),
    ...(r.dataDir ? ['', `data directory kept: ${r.dataDir}`] : []),
  ].join('\n');
}
