/*
 * Child process for sqlite-graph-store.int.test.ts: opens the store file given on the command
 * line and writes concurrently with its sibling. Prints one JSON line with what it wrote.
 */
import { canonicalDigest, digestBytes } from '@pedigree/domain';
import { createSqliteGraphStore } from './index.ts';

const [file, tag, countText, pipelineName, group, startAtText] = process.argv.slice(2);
const count = Number(countText);
const store = createSqliteGraphStore({ path: file!, busyTimeoutMs: 20_000 });
const definition = { name: pipelineName!, shared: true };
const executions: string[] = [];
const packages: number[] = [];
// A start barrier: both children begin writing at the same instant, whatever their start-up time.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));
for (let i = 0; i < count; i += 1) {
  const { version } = await store.upsertPipelineVersion({
    pipelineName: pipelineName!,
    definition,
    definitionHash: canonicalDigest(definition),
  });
  const execution = await store.createExecution({ pipelineVersionId: version.id, parameters: { tag: tag!, i } });
  executions.push(execution.id);
  const step = await store.createStepExecution({ executionId: execution.id, stepName: 'train', stepType: 'training', status: 'Starting' });
  await store.transitionStep({ id: step.id, from: 'Starting', to: 'Executing' });
  const uri = `mem://multi/${tag}/${i}`;
  await store.recordStepResult({
    stepExecutionId: step.id,
    from: 'Executing',
    status: 'Succeeded',
    inputs: [
      {
        name: 'data',
        artifact: { uri: 'mem://multi/shared-input', digest: digestBytes('shared'), type: 'DataSet', name: 'shared', size: 6 },
      },
    ],
    outputs: [{ name: 'model', artifact: { uri, digest: digestBytes(uri), type: 'Model', name: `m${i}`, size: 1 } }],
  });
  const model = await store.findArtifact({ uri });
  const { modelPackage } = await store.registerModelPackage({
    group: group!,
    modelArtifactId: model!.id,
    approvalStatus: 'PendingManualApproval',
    by: tag!,
  });
  packages.push(modelPackage.version);
}
await store.close();
process.stdout.write(`${JSON.stringify({ tag, executions, packages })}\n`);
