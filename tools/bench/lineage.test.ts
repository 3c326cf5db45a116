import { describe, expect, it } from 'vitest';
import { buildSyntheticGraph } from './lineage-graph.ts';
import { runLineageBenchmark } from './lineage-run.ts';

describe('bench:lineage', () => {
  it('builds the same graph for the same seed, with about the artifacts asked for', () => {
    const a = buildSyntheticGraph(500, 7);
    const b = buildSyntheticGraph(500, 7);
    expect(a.executions).toEqual(b.executions);
    expect(a.artifactCount).toBeGreaterThanOrEqual(500);
    expect(a.artifactCount).toBeLessThan(510);
    const distinct = new Set(
      a.executions.flatMap((e) => e.steps.flatMap((s) => [...s.inputs, ...s.outputs].map((c) => `${c.artifact.uri}#${c.artifact.digest}`))),
    );
    expect(distinct.size).toBe(a.artifactCount);
  });

  it('runs end to end and the port visits what the in-memory BFS visits', async () => {
    const r = await runLineageBenchmark({ artifacts: 400, samples: 10 });
    for (const key of [
      'ingestEdgesPerSec',
      'upstreamP50Ms',
      'upstreamP95Ms',
      'downstreamP50Ms',
      'rawCteUpstreamP50Ms',
      'memoryBfsUpstreamP50Ms',
      'dbBytesPerArtifact',
    ] as const) {
      expect(Number.isFinite(r[key]) && r[key] > 0, key).toBe(true);
    }
    expect(r.artifacts).toBeGreaterThanOrEqual(400);
    // Linux reports the bytes written (0 on tmpfs); elsewhere the figure is absent, never made up.
    expect(r.ingestWriteBytes === null || (Number.isInteger(r.ingestWriteBytes) && r.ingestWriteBytes >= 0)).toBe(true);
    for (const depth of ['5', '20'] as const) {
      for (const dir of ['upstream', 'downstream'] as const) {
        // Same starts, same bounds: the port and the reference BFS must agree on how much they saw.
        expect(r.byDepth[depth].port[dir].meanNodes).toBe(r.byDepth[depth].memoryBfs[dir].meanNodes);
        expect(r.byDepth[depth].port[dir].truncatedShare).toBe(r.byDepth[depth].memoryBfs[dir].truncatedShare);
      }
    }
  }, 60_000);
});
