/**
 * `npm run bench:lineage [-- --json] [--artifacts N] [--samples N] [--batch N] [--tmp DIR] [--keep]`:
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
    tmp: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const result = await runLineageBenchmark({
  artifacts: Number(values.artifacts),
  samples: Number(values.samples),
  batchSteps: Number(values.batch),
  keep: values.keep,
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
  const lines = [
    `graph: ${r.artifacts} artifacts, ${r.executions} executions, ${r.stepExecutions} step executions, ${r.totalEdges} edges (${r.dataEdges} data edges)`,
    `setup (executions + steps to Executing, not measured): ${ms(r.setupMs)}`,
    `ingest via recordStepResults (${r.batchSteps} steps/call, synchronous=FULL): ${ms(r.ingestMs)} = ${Math.round(r.ingestEdgesPerSec)} edges/s, ${Math.round(r.ingestStepsPerSec)} steps/s  ${r.ingestEdgesPerSec >= TARGETS.ingestEdgesPerSec ? 'ok' : 'MISSED'} (target >= ${TARGETS.ingestEdgesPerSec})`,
    `database: ${(r.dbBytes / 1e6).toFixed(1)} MB = ${Math.round(r.dbBytesPerArtifact)} bytes per artifact`,
    '',
    `traversals: ${r.samples} random starts each, nodeLimit ${r.nodeLimit}; p50 / p95, mean nodes, share truncated`,
    `${'depth'.padEnd(6)}${'direction'.padEnd(12)}${'port'.padEnd(34)}${'raw CTE'.padEnd(34)}in-memory BFS`,
  ];
  for (const depth of ['5', '20'] as const) {
    for (const dir of ['upstream', 'downstream'] as const) {
      const cell = (f: LineageBenchResult['byDepth']['5']['port']['upstream']) =>
        `${ms(f.p50Ms)} / ${ms(f.p95Ms)}, ${Math.round(f.meanNodes)}, ${Math.round(f.truncatedShare * 100)}%`.padEnd(34);
      const d = r.byDepth[depth];
      lines.push(`${depth.padEnd(6)}${dir.padEnd(12)}${cell(d.port[dir])}${cell(d.rawCte[dir])}${cell(d.memoryBfs[dir]).trimEnd()}`);
    }
  }
  lines.push(
    '',
    `port upstream p50 / raw CTE upstream p50 (depth 20): ${r.portToRawCteRatio.toFixed(2)}x  ${r.portToRawCteRatio <= TARGETS.portToRawCteRatio ? 'ok' : 'MISSED'} (target <= ${TARGETS.portToRawCteRatio}x)`,
    `heap growth over all timed traversals: ${(r.heapGrowthDuringTraversalsBytes / 1e6).toFixed(1)} MB`,
  );
  return lines.join('\n');
}
