/**
 * `npx tsx bench/lineage-profile.ts [--artifacts N] [--batch N] [--out FILE]`: the lineage
 * benchmark's ingest alone under the V8 profiler (setup is not profiled), then the functions with
 * the most self time. Open the written .cpuprofile in Chrome DevTools for the full picture.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { runLineageBenchmark } from './lineage-run.ts';

const { values } = parseArgs({
  options: {
    artifacts: { type: 'string', default: '30000' },
    batch: { type: 'string', default: '600' },
    out: { type: 'string', default: 'lineage-ingest.cpuprofile' },
    top: { type: 'string', default: '40' },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
let profile: { nodes: ProfileNode[] } | undefined;
await runLineageBenchmark({
  artifacts: Number(values.artifacts),
  batchSteps: Number(values.batch),
  samples: 1,
  hooks: {
    beforeIngest: async () => {
      await session.post('Profiler.start');
    },
    afterIngest: async () => {
      profile = (await session.post('Profiler.stop')).profile as unknown as { nodes: ProfileNode[] };
    },
  },
});
writeFileSync(values.out, JSON.stringify(profile));
const self = new Map<string, number>();
let total = 0;
for (const n of profile!.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + hits);
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
for (const [key, hits] of rows) process.stdout.write(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}\n`);
process.stdout.write(`profile: ${values.out}\n`);
