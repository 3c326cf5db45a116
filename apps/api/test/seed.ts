import type { ExecutionId, PipelineExecution } from '@pedigree/domain';
import { smallPipeline, writeInputData } from './fixtures.ts';
import type { Harness } from './harness.ts';

export const UPSERT = `mutation Upsert($definition: JSON!) {
  upsertPipeline(input: { definition: $definition }) {
    created
    pipeline { name latestVersion }
    version { id version definitionHash }
    errors { path message code }
  }
}`;

export const START = `mutation Start($input: StartExecutionInput!) {
  startExecution(input: $input) {
    execution { id status pipelineName createdBy parameters }
    errors { path message code }
  }
}`;

/** Upserts a definition through the API; throws when it was refused. */
export async function upsert(h: Harness, definition: Record<string, unknown>): Promise<{ versionId: string }> {
  const { body } = await h.gql<{ upsertPipeline: { version: { id: string } | null; errors: unknown[] } }>(UPSERT, { definition });
  if (!body.data?.upsertPipeline.version) throw new Error(`upsert refused: ${JSON.stringify(body)}`);
  return { versionId: body.data.upsertPipeline.version.id };
}

/** Starts an execution through the API and waits for it to end. */
export async function run(h: Harness, pipelineName: string, parameters: Record<string, unknown> = {}): Promise<PipelineExecution> {
  const { body } = await h.gql<{ startExecution: { execution: { id: string } | null; errors: unknown[] } }>(START, {
    input: { pipelineName, parameters },
  });
  const id = body.data?.startExecution.execution?.id;
  if (!id) throw new Error(`start refused: ${JSON.stringify(body)}`);
  return h.executor.wait(id as ExecutionId);
}

/** The small pipeline, upserted and run once (Succeeded). */
export async function seedSmallRun(h: Harness, name = 'small'): Promise<PipelineExecution> {
  writeInputData(h.runtime.config.projectRoot);
  await upsert(h, smallPipeline(name));
  const execution = await run(h, name);
  if (execution.status !== 'Succeeded') throw new Error(`seed run ended ${execution.status}: ${execution.failureReason}`);
  return execution;
}
