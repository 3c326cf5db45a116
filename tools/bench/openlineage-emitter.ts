/**
 * `npx tsx tools/bench/openlineage-emitter.ts [--events N] [--runs N]`: what emitting OpenLineage
 * events costs. (1) Delivery: N ready RunEvents queued at once on the runtime's emitter and sent one
 * by one to a local node:http receiver. (2) A five-step pipeline's wall time without an endpoint,
 * with the local receiver, and with an unreachable endpoint (fresh data directory per run), and how
 * long `runtime.close()` waits for the emitter. Prints the figures; exit code 0 unless it crashes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime, createSilentLogger, loadConfig, type Runtime } from '@pedigree/runtime';
import { parseDefinition } from '@pedigree/sdk';

const { values } = parseArgs({ options: { events: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const events = Number(values.events);
const runs = Number(values.runs);

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(201).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const receiver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// Port 9 (discard) on loopback: nothing listens, connections are refused at once.
const unreachable = 'http://127.0.0.1:9/api/v1/lineage';

const step = (name: string, after: string | null) => ({
  name,
  type: 'processing',
  ...(after ? { inputs: [{ name: 'in', source: { kind: 'output', step: after, output: 'out' }, type: 'DataSet' }] } : {}),
  run: {
    kind: 'command',
    argv: [
      { kind: 'literal', value: process.execPath },
      { kind: 'literal', value: '-e' },
      { kind: 'literal', value: `require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_OUT + '/x.txt', '${name}')` },
    ],
  },
  outputs: [{ name: 'out', type: 'DataSet' }],
});
const definition = parseDefinition({
  schemaVersion: '1',
  name: 'emit-bench',
  steps: ['a', 'b', 'c', 'd', 'e'].map((name, i, all) => step(name, i === 0 ? null : all[i - 1]!)),
});

async function open(env: Record<string, string>): Promise<{ runtime: Runtime; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-ol-bench-'));
  const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dir, ...env }), { logger: createSilentLogger() });
  return { runtime, dir };
}

// 1. Delivery rate.
{
  const { runtime, dir } = await open({ PEDIGREE_OPENLINEAGE_URL: receiver });
  const emitter = runtime.openLineage!;
  const start = performance.now();
  for (let i = 0; i < events; i++)
    emitter.send({
      eventType: 'START',
      eventTime: new Date().toISOString(),
      producer: 'https://example.test/bench',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}` },
      job: { namespace: 'bench', name: 'job' },
      inputs: [],
      outputs: [],
    });
  const queuedMs = performance.now() - start;
  const { drained, stats } = await emitter.flush(600_000);
  const totalMs = performance.now() - start;
  console.log(
    `delivery: ${events} events queued in ${queuedMs.toFixed(1)} ms, ${drained ? 'all sent' : 'NOT drained'} in ${totalMs.toFixed(0)} ms ` +
      `(${((events / totalMs) * 1000).toFixed(0)} events/s); ${JSON.stringify(stats)}`,
  );
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}

// 2. Pipeline wall time and close().
const endpoints: [string, Record<string, string>][] = [
  ['no endpoint', {}],
  ['local receiver', { PEDIGREE_OPENLINEAGE_URL: receiver }],
  ['unreachable endpoint', { PEDIGREE_OPENLINEAGE_URL: unreachable }],
];
for (let r = 0; r < runs; r++) {
  for (const [label, env] of endpoints) {
    const { runtime, dir } = await open(env);
    const start = performance.now();
    const execution = await runtime.executor.wait(await runtime.executor.start(definition, {}));
    const runMs = performance.now() - start;
    const closeStart = performance.now();
    await runtime.close();
    const closeMs = performance.now() - closeStart;
    const stats = runtime.openLineage?.stats();
    console.log(
      `${label.padEnd(21)} run ${r + 1}: ${execution.status} in ${runMs.toFixed(0)} ms, close ${closeMs.toFixed(0)} ms` +
        (stats ? `, sent ${stats.sent}, dropped ${stats.dropped}, failed ${stats.failed}` : ''),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`the receiver got ${received} events in all`);
server.close();
