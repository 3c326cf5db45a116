import type { ExecutionId } from '@pedigree/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline, writeInputData } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { START, upsert } from './seed.ts';
import { subscribe, type SseMessage } from './sse.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  writeInputData(h.runtime.config.projectRoot);
  await upsert(h, smallPipeline());
});
afterAll(async () => h.close());

const EVENTS = `subscription($id: ID!) { executionEvents(executionId: $id) { kind executionId at executionStatus stepName stepStatus attempt message stream } }`;

type Event = {
  kind: string;
  executionStatus: string | null;
  stepName: string | null;
  stepStatus: string | null;
  message: string | null;
  stream: string | null;
};
const eventOf = (m: SseMessage): Event => (m.data as { data: { executionEvents: Event } }).data.executionEvents;

async function start(): Promise<string> {
  const { body } = await h.gql<{ startExecution: { execution: { id: string } } }>(START, { input: { pipelineName: 'small' } });
  return body.data!.startExecution.execution.id;
}

describe('subscriptions over server-sent events', () => {
  it('executionEvents streams status changes and log lines of one execution, then completes', async () => {
    const id = await start();
    const events: Event[] = [];
    for await (const message of subscribe(h.fetch, EVENTS, { id })) {
      if (message.event === 'next') events.push(eventOf(message));
    }
    expect(events[0]).toMatchObject({ kind: 'EXECUTION_STATUS' });
    expect(events.at(-1)).toMatchObject({ kind: 'EXECUTION_STATUS', executionStatus: 'Succeeded' });
    expect(events.some((e) => e.kind === 'STEP_STATUS' && e.stepName === 'train' && e.stepStatus === 'Succeeded')).toBe(true);
    expect(events.some((e) => e.kind === 'LOG' && e.stream === 'stdout' && /training for 3 epochs/.test(e.message ?? ''))).toBe(true);
    await h.executor.wait(id as ExecutionId);
  });

  it('executionEvents of a finished execution sends its final status and completes', async () => {
    const id = await start();
    await h.executor.wait(id as ExecutionId);
    const messages: SseMessage[] = [];
    for await (const message of subscribe(h.fetch, EVENTS, { id })) messages.push(message);
    expect(messages.map((m) => m.event)).toEqual(['next', 'complete']);
    expect(eventOf(messages[0]!)).toMatchObject({ kind: 'EXECUTION_STATUS', executionStatus: 'Succeeded' });
  });

  it('executionEvents of an unknown execution ends with a NOT_FOUND error', async () => {
    const messages: SseMessage[] = [];
    for await (const message of subscribe(h.fetch, EVENTS, { id: 'ex_none' })) messages.push(message);
    const first = messages[0]!.data as { errors?: { extensions?: { code?: string } }[] };
    expect(first.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('executionsChanged reports status changes of every execution', async () => {
    const controller = new AbortController();
    const stream = subscribe(
      h.fetch,
      'subscription { executionsChanged { executionId status at execution { id pipelineName } } }',
      {},
      controller.signal,
    );
    const first = stream.next(); // opens the subscription
    await new Promise((r) => setTimeout(r, 100));
    const id = await start();
    const seen: { executionId: string; status: string; execution: { pipelineName: string } }[] = [];
    let next = await first;
    while (!next.done) {
      const change = (next.value.data as { data: { executionsChanged: (typeof seen)[number] } }).data.executionsChanged;
      seen.push(change);
      if (change.executionId === id && change.status === 'Succeeded') break;
      next = await stream.next();
    }
    controller.abort();
    await stream.return(undefined);
    expect(seen.find((c) => c.executionId === id && c.status === 'Succeeded')).toMatchObject({ execution: { pipelineName: 'small' } });
  });

  it('executionsChanged(pipelineName) sends only that pipeline’s executions', async () => {
    await upsert(h, smallPipeline('elsewhere'));
    const controller = new AbortController();
    const stream = subscribe(
      h.fetch,
      'subscription { executionsChanged(pipelineName: "elsewhere") { executionId status } }',
      {},
      controller.signal,
    );
    const first = stream.next();
    await new Promise((r) => setTimeout(r, 100));
    const small = await start(); // another pipeline: filtered out
    await h.executor.wait(small as ExecutionId);
    const { body } = await h.gql<{ startExecution: { execution: { id: string } } }>(START, { input: { pipelineName: 'elsewhere' } });
    const wanted = body.data!.startExecution.execution.id;
    const seen: { executionId: string; status: string }[] = [];
    let next = await first;
    while (!next.done) {
      const change = (next.value.data as { data: { executionsChanged: (typeof seen)[number] } }).data.executionsChanged;
      seen.push(change);
      if (change.executionId === wanted && change.status === 'Succeeded') break;
      next = await stream.next();
    }
    controller.abort();
    await stream.return(undefined);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.executionId === wanted)).toBe(true);
    await h.executor.wait(wanted as ExecutionId);
  });
});

const STEP_EVENTS = `subscription($id: ID!) {
  executionEvents(executionId: $id) {
    kind stepName stepStatus stepExecutionId startedAt endedAt cacheHit reusedStepExecutionId
    reusedStepExecution { id executionId stepName }
    cacheMiss { reason differingFields }
  }
}`;

type StepEvent = {
  kind: string;
  stepName: string | null;
  stepStatus: string | null;
  stepExecutionId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  cacheHit: boolean | null;
  reusedStepExecutionId: string | null;
  reusedStepExecution: { id: string; executionId: string; stepName: string } | null;
  cacheMiss: { reason: string; differingFields: string[] } | null;
};

describe('executionEvents step timings and cache outcome', () => {
  // prepare runs every time (its cache is off), so the subscription is open before train is served
  // from the cache: a run of cache hits alone could end before a subscriber connects.
  beforeAll(async () => {
    const definition = smallPipeline('uncached-prepare') as { steps: { name: string; cache?: unknown }[] };
    definition.steps[0]!.cache = { enabled: false, expireAfter: null };
    await upsert(h, definition as Record<string, unknown>);
  });

  async function stepEvents(parameters: Record<string, unknown>): Promise<{ id: string; events: StepEvent[] }> {
    const { body } = await h.gql<{ startExecution: { execution: { id: string } } }>(START, {
      input: { pipelineName: 'uncached-prepare', parameters },
    });
    const id = body.data!.startExecution.execution.id;
    const events: StepEvent[] = [];
    for await (const message of subscribe(h.fetch, STEP_EVENTS, { id })) {
      if (message.event === 'next') events.push((message.data as { data: { executionEvents: StepEvent } }).data.executionEvents);
    }
    await h.executor.wait(id as ExecutionId);
    return { id, events: events.filter((e) => e.kind === 'STEP_STATUS') };
  }

  it('a step that ran reports its timings and why it missed the cache; a cache hit names the step it reused', async () => {
    const missed = await stepEvents({ Epochs: 7 });
    expect(missed.events.find((e) => e.stepName === 'prepare' && e.stepStatus === 'Succeeded')?.cacheMiss?.reason).toBe('disabled');
    const trained = missed.events.find((e) => e.stepName === 'train' && e.stepStatus === 'Succeeded')!;
    expect(trained).toMatchObject({ cacheHit: false, reusedStepExecutionId: null, reusedStepExecution: null });
    expect(trained.stepExecutionId).toMatch(/^se_/);
    expect(Date.parse(trained.endedAt!)).toBeGreaterThanOrEqual(Date.parse(trained.startedAt!));
    expect(['no-earlier-run', 'key-changed']).toContain(trained.cacheMiss?.reason);
    // While it ran, the step had started and not ended.
    const executing = missed.events.find((e) => e.stepName === 'train' && e.stepStatus === 'Executing');
    expect(executing).toMatchObject({ endedAt: null });
    expect(executing?.startedAt).toBeTruthy();

    const hit = await stepEvents({ Epochs: 7 });
    const reused = hit.events.find((e) => e.stepName === 'train' && e.stepStatus === 'Cached')!;
    expect(reused).toMatchObject({
      cacheHit: true,
      reusedStepExecutionId: trained.stepExecutionId,
      reusedStepExecution: { id: trained.stepExecutionId, executionId: missed.id, stepName: 'train' },
      cacheMiss: null,
    });
    expect(Date.parse(reused.endedAt!)).toBeGreaterThanOrEqual(Date.parse(reused.startedAt!));
  });
});
