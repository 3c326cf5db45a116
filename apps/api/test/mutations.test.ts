import type { ExecutionId } from '@pedigree/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackPipeline, slowPipeline, smallPipeline } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { run, seedSmallRun, START, upsert, UPSERT } from './seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await seedSmallRun(h);
});
afterAll(async () => h.close());

interface Payload {
  errors: { path: string; message: string; code: string }[];
}

async function waitForStep(executionId: string, stepName: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { steps } = await h.store.getExecutionWithSteps(executionId as ExecutionId);
    if (steps.some((s) => s.stepName === stepName && s.status === status)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`step ${stepName} never reached ${status}`);
}

describe('upsertPipeline', () => {
  it('returns the existing version for an identical definition', async () => {
    const { body } = await h.gql<{ upsertPipeline: { created: boolean; version: { version: number } } & Payload }>(UPSERT, {
      definition: smallPipeline(),
    });
    expect(body.data?.upsertPipeline).toMatchObject({ created: false, version: { version: 1 }, errors: [] });
  });

  it('stores a changed definition as the next version', async () => {
    const changed = { ...smallPipeline(), description: 'changed' };
    const { body } = await h.gql<{ upsertPipeline: { created: boolean; version: { version: number } } }>(UPSERT, { definition: changed });
    expect(body.data?.upsertPipeline).toMatchObject({ created: true, version: { version: 2 } });
  });

  it('returns validation problems as data with field paths, never as a masked error', async () => {
    const broken = smallPipeline('broken') as { steps: Record<string, unknown>[] };
    broken.steps[1] = {
      ...broken.steps[1],
      inputs: [{ name: 'train', source: { kind: 'output', step: 'nowhere', output: 'x' }, type: 'DataSet' }],
    };
    const { status, body } = await h.gql<{ upsertPipeline: { version: null } & Payload }>(UPSERT, { definition: broken });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const payload = body.data!.upsertPipeline;
    expect(payload.version).toBeNull();
    expect(payload.errors.length).toBeGreaterThan(0);
    expect(payload.errors[0]).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(payload.errors[0]!.path).toMatch(/^definition\.steps/);
    expect(payload.errors.map((e) => e.message).join(' ')).toMatch(/nowhere/);
  });

  it('refuses a definition that is not an object', async () => {
    const { body } = await h.gql<{ upsertPipeline: Payload }>(UPSERT, { definition: 'nope' });
    expect(body.data!.upsertPipeline.errors[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: 'definition' });
  });
});

describe('startExecution', () => {
  it('returns at once with the execution Executing; the run continues in the executor', async () => {
    const { body } = await h.gql<{
      startExecution: { execution: { id: string; status: string; createdBy: string; parameters: unknown } } & Payload;
    }>(START, {
      input: { pipelineName: 'small', parameters: { Epochs: 5 } },
    });
    const payload = body.data!.startExecution;
    expect(payload.errors).toEqual([]);
    expect(payload.execution).toMatchObject({ status: 'Executing', createdBy: 'eddie', parameters: { Epochs: 5, Fail: false } });
    const done = await h.executor.wait(payload.execution.id as ExecutionId);
    expect(done.status).toBe('Succeeded');
    // prepare is served from the cache; train re-ran because Epochs changed.
    const { steps } = await h.store.getExecutionWithSteps(done.id);
    expect(Object.fromEntries(steps.map((s) => [s.stepName, s.status]))).toMatchObject({ prepare: 'Cached', train: 'Succeeded' });
  });

  it('returns parameter problems as data at parameters.<Name>', async () => {
    const { body } = await h.gql<{ startExecution: { execution: null } & Payload }>(START, {
      input: { pipelineName: 'small', parameters: { Epochs: 'many', Unknown: 1 } },
    });
    const payload = body.data!.startExecution;
    expect(payload.execution).toBeNull();
    expect(payload.errors.map((e) => e.path).sort()).toEqual(['input.parameters.Epochs', 'input.parameters.Unknown']);
    expect(payload.errors.every((e) => e.code === 'VALIDATION_FAILED')).toBe(true);
  });

  it('returns an unknown pipeline as NOT_FOUND data', async () => {
    const { body } = await h.gql<{ startExecution: Payload }>(START, { input: { pipelineName: 'ghost' } });
    expect(body.data!.startExecution.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs a selective execution reusing the other steps of a reference execution', async () => {
    const reference = (await h.store.listExecutions({ pipelineName: 'small', statuses: ['Succeeded'] })).items.at(-1)!;
    const { body } = await h.gql<{ startExecution: { execution: { id: string } } & Payload }>(START, {
      input: { pipelineName: 'small', selectiveExecution: { sourceExecutionId: reference.id, steps: ['register'] } },
    });
    expect(body.data!.startExecution.errors).toEqual([]);
    const done = await h.executor.wait(body.data!.startExecution.execution.id as ExecutionId);
    expect(done.status).toBe('Succeeded');
  });
});

describe('stopExecution, retryExecution', () => {
  it('stops a running execution', async () => {
    await upsert(h, slowPipeline());
    const { body } = await h.gql<{ startExecution: { execution: { id: string } } }>(START, { input: { pipelineName: 'slow' } });
    const id = body.data!.startExecution.execution.id;
    await waitForStep(id, 'sleep', 'Executing');
    const stopped = await h.gql<{ stopExecution: { execution: { id: string; status: string } } & Payload }>(
      'mutation($id: ID!) { stopExecution(id: $id) { execution { id status } errors { path message code } } }',
      { id },
    );
    expect(stopped.body.data!.stopExecution.errors).toEqual([]);
    expect((await h.executor.wait(id as ExecutionId)).status).toBe('Stopped');
  });

  it('refuses to stop a finished execution with EXECUTION_NOT_RUNNABLE as data', async () => {
    const finished = (await h.store.listExecutions({ statuses: ['Succeeded'] })).items[0]!;
    const { body } = await h.gql<{ stopExecution: Payload }>(
      'mutation($id: ID!) { stopExecution(id: $id) { execution { id } errors { path message code } } }',
      {
        id: finished.id,
      },
    );
    expect(body.data!.stopExecution.errors[0]).toMatchObject({ code: 'EXECUTION_NOT_RUNNABLE' });
  });

  it('retries a failed execution', async () => {
    const failed = await run(h, 'small', { Fail: true });
    expect(failed.status).toBe('Failed');
    const { body } = await h.gql<{ retryExecution: { execution: { id: string } } & Payload }>(
      'mutation($id: ID!) { retryExecution(id: $id) { execution { id status } errors { path message code } } }',
      { id: failed.id },
    );
    expect(body.data!.retryExecution.errors).toEqual([]);
    // Fail is still true, so the retried train step fails again: the point is that it ran again.
    const again = await h.executor.wait(failed.id);
    const { steps } = await h.store.getExecutionWithSteps(again.id);
    expect(steps.find((s) => s.stepName === 'train')!.attempts.length).toBeGreaterThanOrEqual(2);
  });
});

describe('signalStep', () => {
  it('completes a waiting callback step with its outputs', async () => {
    await upsert(h, callbackPipeline());
    const { body } = await h.gql<{ startExecution: { execution: { id: string } } }>(START, { input: { pipelineName: 'approval' } });
    const id = body.data!.startExecution.execution.id;
    await waitForStep(id, 'approve', 'Executing');
    const signalled = await h.gql<{ signalStep: Payload }>(
      `mutation($input: SignalStepInput!) { signalStep(input: $input) { execution { id } errors { path message code } } }`,
      { input: { executionId: id, stepName: 'approve', outcome: 'SUCCEEDED', outputs: { note: 'lgtm' } } },
    );
    expect(signalled.body.data!.signalStep.errors).toEqual([]);
    expect((await h.executor.wait(id as ExecutionId)).status).toBe('Succeeded');
  });

  it('returns a signal to a step that is not waiting as data', async () => {
    const done = (await h.store.listExecutions({ pipelineName: 'approval' })).items[0]!;
    const { body } = await h.gql<{ signalStep: Payload }>(
      `mutation($input: SignalStepInput!) { signalStep(input: $input) { execution { id } errors { path message code } } }`,
      { input: { executionId: done.id, stepName: 'approve', outcome: 'FAILED', failureReason: 'too late' } },
    );
    expect(body.data!.signalStep.errors.length).toBe(1);
  });
});

describe('setModelApprovalStatus', () => {
  it('approves a package, records who and why, and refuses a stale expectedStatus', async () => {
    const pkg = (await h.store.listModelPackages({ group: 'small-models' })).items.at(-1)!;
    const mutation = `mutation($input: SetModelApprovalStatusInput!) {
      setModelApprovalStatus(input: $input) { modelPackage { approvalStatus approvals { status by comment } } errors { path message code } }
    }`;
    const ok = await h.gql<{
      setModelApprovalStatus: { modelPackage: { approvalStatus: string; approvals: { by: string; comment: string | null }[] } } & Payload;
    }>(mutation, { input: { id: pkg.id, status: 'Approved', comment: 'looks good', expectedStatus: 'PendingManualApproval' } });
    const payload = ok.body.data!.setModelApprovalStatus;
    expect(payload.errors).toEqual([]);
    expect(payload.modelPackage.approvalStatus).toBe('Approved');
    expect(payload.modelPackage.approvals.at(-1)).toEqual({ status: 'Approved', by: 'eddie', comment: 'looks good' });
    const stale = await h.gql<{ setModelApprovalStatus: Payload }>(mutation, {
      input: { id: pkg.id, status: 'Rejected', expectedStatus: 'PendingManualApproval' },
    });
    expect(stale.body.data!.setModelApprovalStatus.errors[0]).toMatchObject({ code: 'CONFLICT' });
    const missing = await h.gql<{ setModelApprovalStatus: Payload }>(mutation, { input: { id: 'mp_none', status: 'Rejected' } });
    expect(missing.body.data!.setModelApprovalStatus.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('invalidateCache', () => {
  const mutation = `mutation($input: InvalidateCacheInput!) { invalidateCache(input: $input) { invalidatedStepExecutionIds errors { path message code } } }`;

  it('invalidates the cached steps of a pipeline so the next run executes them again', async () => {
    const { body } = await h.gql<{ invalidateCache: { invalidatedStepExecutionIds: string[] } & Payload }>(mutation, {
      input: { pipelineName: 'small' },
    });
    expect(body.data!.invalidateCache.errors).toEqual([]);
    expect(body.data!.invalidateCache.invalidatedStepExecutionIds.length).toBeGreaterThan(0);
    const next = await run(h, 'small');
    const { steps } = await h.store.getExecutionWithSteps(next.id);
    expect(steps.find((s) => s.stepName === 'prepare')!.status).toBe('Succeeded');
  });

  it('requires exactly one scope', async () => {
    const none = await h.gql<{ invalidateCache: Payload }>(mutation, { input: {} });
    expect(none.body.data!.invalidateCache.errors[0]).toMatchObject({ code: 'VALIDATION_FAILED', path: 'input' });
    const half = await h.gql<{ invalidateCache: Payload }>(mutation, { input: { executionId: 'ex_1' } });
    expect(half.body.data!.invalidateCache.errors[0]).toMatchObject({ path: 'input.stepName' });
  });
});

describe('ping', () => {
  it('is allowed for editors and refused for viewers', async () => {
    expect((await h.gql('mutation { ping }')).body).toEqual({ data: { ping: true } });
    const refused = await h.gql('mutation { ping }', {}, { token: 'viewer' });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
