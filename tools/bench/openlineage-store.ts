/*
 * OpenLineage on the embedded store, measured: `npx tsx tools/bench/openlineage-store.ts
 * [--runs 300] [--stream-events 20000] [--versions 5000]`. Prints one line per figure.
 *
 * - ingest: runs of START, RUNNING, COMPLETE (2 inputs, 1 output, column lineage) into a file
 *   store with durability `full`, one event at a time and 64 in flight (group commit);
 * - a streaming run with many RUNNING events, then the reads whose cost must not grow with them;
 * - one dataset with many versions: per-event cost as versions accumulate, and reading it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { OpenLineageEventRecord } from '@pedigree/graph-store';
import { at, openLineageRecord } from '@pedigree/graph-store/testing';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    'stream-events': { type: 'string', default: '20000' },
    versions: { type: 'string', default: '5000' },
  },
});
const runs = Number(values.runs);
const streamEvents = Number(values['stream-events']);
const versions = Number(values.versions);
const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-ol-bench-'));

function runRecords(i: number): OpenLineageEventRecord[] {
  const ns = 'bench';
  const job = { namespace: ns, name: `job${i % 50}` };
  const runId = randomUUID();
  const inputs = [
    { namespace: ns, name: `src${i % 100}`, version: `v${i % 7}`, facets: { schema: { fields: [{ name: 'a' }, { name: 'b' }] } } },
    { namespace: ns, name: 'dim', version: null },
  ];
  const outputs = [{ namespace: ns, name: `out${i % 200}`, version: `v${i}`, ioFacets: { outputStatistics: { rowCount: i } } }];
  const columnLineage = ['a', 'b'].map((field) => ({
    from: { namespace: ns, name: `src${i % 100}`, field },
    to: { namespace: ns, name: `out${i % 200}`, field },
    transformations: [],
  }));
  return [
    openLineageRecord({ eventType: 'START', eventTime: at(i), job, runId, inputs }),
    openLineageRecord({ eventType: 'RUNNING', eventTime: at(i + 0.5), job, runId, inputs, outputs, runFacets: { progress: { p: 50 } } }),
    openLineageRecord({ eventType: 'COMPLETE', eventTime: at(i + 1), job, runId, inputs, outputs, columnLineage }),
  ];
}

async function timed(label: string, fn: () => Promise<unknown>, repeat = 20): Promise<void> {
  await fn();
  const started = performance.now();
  for (let i = 0; i < repeat; i += 1) await fn();
  console.log(`${label}: ${((performance.now() - started) / repeat).toFixed(2)} ms`);
}

try {
  for (const mode of ['one at a time', '64 in flight'] as const) {
    const store = createSqliteGraphStore({ path: path.join(dir, `${mode.replaceAll(' ', '-')}.db`) });
    const all = Array.from({ length: runs }, (_, i) => runRecords(i)).flat();
    const started = performance.now();
    if (mode === 'one at a time') for (const r of all) await store.recordOpenLineageEvent(r);
    else for (let i = 0; i < all.length; i += 64) await Promise.all(all.slice(i, i + 64).map((r) => store.recordOpenLineageEvent(r)));
    const ms = performance.now() - started;
    console.log(`ingest ${mode}: ${all.length} events in ${ms.toFixed(0)} ms, ${(all.length / (ms / 1000)).toFixed(0)} events/s`);
    await store.close();
  }

  const stream = createSqliteGraphStore({ path: path.join(dir, 'stream.db'), durability: 'normal' });
  const job = { namespace: 'bench', name: 'stream' };
  const runId = randomUUID();
  const events = Array.from({ length: streamEvents }, (_, i) =>
    openLineageRecord({ eventType: 'RUNNING', eventTime: at(i / 60), job, runId, producer: `p${i % 3}`, runFacets: { progress: { i } } }),
  );
  for (let i = 0; i < events.length; i += 64) await Promise.all(events.slice(i, i + 64).map((r) => stream.recordOpenLineageEvent(r)));
  await timed(`getOpenLineageRun, run of ${streamEvents} events`, () => stream.getOpenLineageRun(runId));
  await timed(`listOpenLineageEvents first 50, run of ${streamEvents} events`, () => stream.listOpenLineageEvents({ runId }));
  await stream.close();

  const store = createSqliteGraphStore({ path: ':memory:' });
  const chunk = Math.max(1, Math.floor(versions / 5));
  for (let i = 0; i < versions; i += chunk) {
    const batch = Array.from({ length: Math.min(chunk, versions - i) }, (_, k) =>
      openLineageRecord({
        eventType: 'COMPLETE',
        eventTime: at(i + k),
        job: { namespace: 'bench', name: 'daily' },
        runId: randomUUID(),
        outputs: [{ namespace: 'bench', name: 'partitioned', version: `v${i + k}` }],
      }),
    );
    const started = performance.now();
    for (const r of batch) await store.recordOpenLineageEvent(r);
    console.log(`versions ${i}..${i + batch.length}: ${((performance.now() - started) / batch.length).toFixed(3)} ms per event`);
  }
  await timed(`findOpenLineageDataset, ${versions} versions`, () => store.findOpenLineageDataset('bench', 'partitioned'), 5);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
