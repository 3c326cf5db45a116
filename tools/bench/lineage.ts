/**
 * `npm run bench:lineage [-- --json] [--artifacts N] [--samples N] [--batch N] [--concurrency N] [--durability full|normal] [--tmp DIR] [--keep]`:
 * builds a synthetic lineage graph (default 100,000 artifacts) in the embedded SQLite store and
 * measures ingest through the port's batched writes and traversal latency at depth 5 and 20,
 * against a hand-written recursive CTE on the same file and a BFS over in-memory adjacency.
 * Targets: >= 50,000 edges/s ingest; port upstream p50 within 1.5x of the raw CTE. The exit code
 * is 0 either way (the figures are the result), 1 on a crash.
 */
import { parseArgs } from 'node:util';
import { runLineageBenchmark, type LineageBenchResult } from './lineage-run.ts';

export const TARGETS = { ingestEdgesPerSec: 50_000, portToRawCteRatio: 1.5 } as const;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    artifacts: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '200' },
    batch: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    keep: { type: 'boolean', default: false },
    durability: { type: 'string', default: 'full' },
  },
});

const result = await runLineageBenchmark({
  artifacts: Number(values.artifacts),
  samples: Number(values.samples),
  batchSteps: Number(values.batch),
  concurrency: Number(values.concurrency),
  keep: values.keep,
  durability: values.durability === 'normal' ? 'normal' : 'full',
  ...(values.tmp ? { tmpRoot: values.tmp } : {}),
});
const withTargets = {
  ...result,
  targets: TARGETS,
  meetsTargets: result.ingestEdgesPerSec >= TARGETS.ingestEdgesPerSec && result.portToRawCteRatio <= TARGETS.portToRawCteRatio,
};
if (values.json) console.log(JSON.stringify(withTargets));
else console.log(table(result));
process.exit(0);

function table(r: LineageBenchResult): string {
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
  const ok = (good: boolean) => (good ? 'ok' : 'MISSED');
  const lines = [
    `graph: ${r.artifacts} artifacts, ${r.executions} executions, ${r.stepExecutions} step executions, ${r.totalEdges} edges (${r.dataEdges} written by the timed ingest)`,
    `load average (1 min) before ingest / after traversals: ${r.loadAverage[0].toFixed(1)} / ${r.loadAverage[1].toFixed(1)} (wall times below include waiting for the CPU)`,
    `setup (executions and steps brought to Executing; not timed as ingest): ${ms(r.setupMs)}`,
    `ingest via recordStepResults (${r.batchSteps} steps per call, ${r.concurrency} in flight, ${r.ingestCommits} transactions, ${r.durability === 'full' ? 'synchronous=FULL' : 'synchronous=NORMAL'}): ${ms(r.ingestMs)} wall = ${Math.round(r.ingestEdgesPerSec)} edges/s ${ok(r.ingestEdgesPerSec >= TARGETS.ingestEdgesPerSec)} (target >= ${TARGETS.ingestEdgesPerSec}); ${ms(r.ingestCpuMs)} CPU = ${Math.round(r.ingestEdgesPerCpuSec)} edges per CPU-second`,
    `written to storage during the ingest: ${r.ingestWriteBytes === null ? 'n/a' : `${(r.ingestWriteBytes / 1e6).toFixed(0)} MB`} (WAL frames and checkpoints; each commit waits for its fsync)`,
    `database: ${(r.dbBytes / 1e6).toFixed(1)} MB = ${Math.round(r.dbBytesPerArtifact)} bytes per artifact`,
    '',
    `traversals: ${r.samples} random starts (models upstream, datasets downstream), nodeLimit ${r.nodeLimit}; cells: wall p50 / p95, CPU p50, mean nodes, share truncated`,
  ];
  const kinds = [
    ['port', 'port (store.traverse)'],
    ['rawCte', 'raw SQL, same result'],
    ['rawCteIdsOnly', 'raw CTE, ids only'],
    ['memoryBfs', 'in-memory BFS'],
  ] as const;
  for (const depth of ['5', '20'] as const) {
    for (const dir of ['upstream', 'downstream'] as const) {
      lines.push(`depth ${depth} ${dir}`);
      for (const [key, label] of kinds) {
        const f = r.byDepth[depth][key][dir];
        lines.push(
          `  ${label.padEnd(24)} ${ms(f.p50Ms).padStart(9)} / ${ms(f.p95Ms).padStart(9)}  cpu ${ms(f.p50CpuMs).padStart(9)}  ${String(Math.round(f.meanNodes)).padStart(5)} nodes  ${Math.round(f.truncatedShare * 100)}% truncated`,
        );
      }
    }
  }
  lines.push(
    '',
    `port / raw SQL (same result), upstream depth 20 p50: ${r.portToRawCteRatio.toFixed(2)}x wall, ${r.portToRawCteCpuRatio.toFixed(2)}x CPU  ${ok(r.portToRawCteRatio <= TARGETS.portToRawCteRatio)} (target <= ${TARGETS.portToRawCteRatio}x)`,
    `port / raw CTE (ids only), upstream depth 20 p50: ${r.portToIdsOnlyCteRatio.toFixed(2)}x wall`,
    `heap growth over all timed traversals: ${(r.heapGrowthDuringTraversalsBytes / 1e6).toFixed(1)} MB`,
  );
  return lines.join('\n');
}
