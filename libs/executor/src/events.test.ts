import { describe, expect, it } from 'vitest';
import type { ExecutionId } from '@pedigree/domain';
import { createEventBus, type ExecutorEvent } from './events.ts';

const event = (id: string, status: 'Executing' | 'Succeeded'): ExecutorEvent => ({
  type: 'execution-status',
  executionId: id as ExecutionId,
  pipelineName: 'p',
  status,
  failureReason: null,
  at: '',
});

describe('event bus', () => {
  it('streams events of one execution in order until aborted, and survives a throwing listener', async () => {
    const bus = createEventBus();
    bus.on(() => {
      throw new Error('broken consumer');
    });
    const controller = new AbortController();
    const stream = bus.stream({ executionId: 'ex_a', signal: controller.signal });
    bus.emit(event('ex_a', 'Executing'));
    bus.emit(event('ex_b', 'Executing'));
    bus.emit(event('ex_a', 'Succeeded'));
    const seen: string[] = [];
    for await (const e of stream) {
      seen.push(e.type === 'execution-status' ? e.status : '');
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['Executing', 'Succeeded']);
  });
});
