import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDefinition } from '@pedigree/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createSilentLogger } from './logger.ts';
import { createRuntime, type Runtime } from './runtime.ts';

/** Two steps: `make` writes a file, `copy` reads it and writes another. */
const definition = parseDefinition({
  schemaVersion: '1',
  name: 'hello',
  steps: [
    {
      name: 'make',
      type: 'processing',
      run: {
        kind: 'command',
        argv: [
          { kind: 'literal', value: process.execPath },
          { kind: 'literal', value: '-e' },
          { kind: 'literal', value: "require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_OUT + '/hello.txt', 'hello')" },
        ],
      },
      outputs: [{ name: 'out', type: 'DataSet' }],
    },
    {
      name: 'copy',
      type: 'processing',
      inputs: [{ name: 'in', source: { kind: 'output', step: 'make', output: 'out' }, type: 'DataSet' }],
      run: {
        kind: 'command',
        argv: [
          { kind: 'literal', value: process.execPath },
          { kind: 'literal', value: '-e' },
          {
            kind: 'literal',
            value:
              "const fs=require('fs');fs.copyFileSync(process.env.PEDIGREE_INPUT_IN + '/hello.txt', process.env.PEDIGREE_OUTPUT_OUT + '/copy.txt')",
          },
        ],
      },
      outputs: [{ name: 'out', type: 'DataSet' }],
    },
  ],
});

interface Event {
  eventType: string;
  run: { runId: string; facets?: Record<string, { run?: { runId: string }; job?: { name: string } }> };
  job: { namespace: string; name: string };
  inputs: { namespace: string; name: string }[];
  outputs: { namespace: string; name: string }[];
}

describe('runtime with PEDIGREE_OPENLINEAGE_URL', () => {
  const dirs: string[] = [];
  const runtimes: Runtime[] = [];
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function open(env: Record<string, string>): Promise<Runtime> {
    const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-ol-emit-'));
    dirs.push(dir);
    const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dir, ...env }, { cwd: dir }), { logger: createSilentLogger() });
    runtimes.push(runtime);
    return runtime;
  }

  it('emits the execution and each step as runs, steps pointing at the execution run as parent, with their datasets', async () => {
    const events: Event[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(201).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const runtime = await open({
      PEDIGREE_OPENLINEAGE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      PEDIGREE_OPENLINEAGE_NAMESPACE: 'team-ml',
    });
    const id = await runtime.executor.start(definition, {});
    expect((await runtime.executor.wait(id)).status).toBe('Succeeded');
    const { drained, stats } = await runtime.openLineage!.flush(20_000);
    expect(drained).toBe(true);
    expect(stats).toMatchObject({ failed: 0, dropped: 0 });

    const pipelineRunId = id.slice(3).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    expect(events.filter((e) => e.job.name === 'hello').map((e) => [e.eventType, e.run.runId])).toEqual([
      ['START', pipelineRunId],
      ['COMPLETE', pipelineRunId],
    ]);
    for (const step of ['make', 'copy']) {
      const mine = events.filter((e) => e.job.name === `hello.${step}`);
      expect(mine.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
      expect(new Set(mine.map((e) => e.run.runId)).size).toBe(1);
      for (const e of mine) {
        expect(e.job.namespace).toBe('team-ml');
        expect(e.run.facets?.['parent']).toMatchObject({ run: { runId: pipelineRunId }, job: { name: 'hello' } });
      }
    }
    const makeDone = events.find((e) => e.job.name === 'hello.make' && e.eventType === 'COMPLETE')!;
    const copyDone = events.find((e) => e.job.name === 'hello.copy' && e.eventType === 'COMPLETE')!;
    // The output of make is the input of copy: the same dataset by (namespace, name), so a consumer joins them.
    expect(makeDone.outputs).toHaveLength(1);
    expect(copyDone.inputs).toEqual([
      expect.objectContaining({ namespace: makeDone.outputs[0]!.namespace, name: makeDone.outputs[0]!.name }),
    ]);
    expect(makeDone.outputs[0]).toMatchObject({ namespace: 'pedigree://executions', name: `/${id}/steps/make/outputs/out` });
    // The pipeline's START went out before any step event, its COMPLETE after all of them.
    expect(events[0]!.job.name).toBe('hello');
    expect(events.at(-1)!.job.name).toBe('hello');
  });

  it('runs the pipeline to success, quickly, when the endpoint is unreachable, and close() does not wait out the backoff', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const runtime = await open({ PEDIGREE_OPENLINEAGE_URL: `http://127.0.0.1:${port}/api/v1/lineage` });
    const started = Date.now();
    const id = await runtime.executor.start(definition, {});
    expect((await runtime.executor.wait(id)).status).toBe('Succeeded');
    const ran = Date.now() - started;
    const closing = Date.now();
    runtimes.splice(runtimes.indexOf(runtime), 1);
    await runtime.close();
    // The emitter retries with backoff for seconds per event; neither the run nor close() waits for that:
    // closing makes one last attempt per event (refused at once) instead of waiting out its 5 s deadline.
    expect(ran).toBeLessThan(15_000);
    expect(Date.now() - closing).toBeLessThan(4_000);
    expect(runtime.openLineage!.stats()).toMatchObject({ sent: 0, dropped: 0, failed: 6 });
  });
});
