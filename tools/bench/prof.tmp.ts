import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionId, PipelineVersionId, StepExecutionId } from '@pedigree/domain';
import type { RecordStepResultInput } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { buildSyntheticGraph } from './lineage-graph.ts';
const mode = process.argv[2] as 'full' | 'normal';
const graph = buildSyntheticGraph(10000);
const file = path.join(mkdtempSync(path.join(tmpdir(), 'p-')), 'x.db');
const setup = createSqliteGraphStore({ path: file, durability: 'normal' });
const versions: PipelineVersionId[] = [];
for (const p of graph.pipelines) versions.push((await setup.upsertPipelineVersion({ pipelineName: p.name, definition: p.definition, definitionHash: p.definitionHash as never })).version.id);
const results: RecordStepResultInput[] = [];
let t = performance.now();
for (const e of graph.executions) {
  const ex = await setup.createExecution({ pipelineVersionId: versions[e.pipeline]!, parameters: {} });
  for (const s of e.steps) {
    const st = await setup.createStepExecution({ executionId: ex.id as ExecutionId, stepName: s.name, stepType: s.stepType, status: 'Starting' });
    await setup.transitionStep({ id: st.id, from: 'Starting', to: 'Executing' });
    results.push({ stepExecutionId: st.id as StepExecutionId, from: 'Executing', status: 'Succeeded', inputs: s.inputs, outputs: s.outputs });
  }
}
console.log('setup', performance.now() - t, process.cpuUsage());
await setup.close();
const store = createSqliteGraphStore({ path: file, durability: mode });
t = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < results.length; i += 600) {
  const t1 = performance.now();
  await store.recordStepResults(results.slice(i, i + 600));
  if (i < 3000) console.log('batch', (performance.now() - t1).toFixed(0));
}
console.log('ingest', performance.now() - t, process.cpuUsage(c0));
