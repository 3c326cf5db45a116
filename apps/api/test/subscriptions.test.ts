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
});
