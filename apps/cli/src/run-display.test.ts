import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ExecutionId, StepExecutionId, StepStatus } from '@pedigree/domain';
import type { ExecutorEvent, ExecutorEvents } from '@pedigree/executor';
import { createOutput, stripAnsi } from './output.ts';
import { attachRunDisplay } from './run-display.ts';

const EX = 'ex_1' as ExecutionId;

function fakeEvents() {
  const listeners = new Set<(e: ExecutorEvent) => void>();
  const events: ExecutorEvents = {
    on: (listener, options) => {
      const wrapped = (e: ExecutorEvent) => {
        if (!options?.executionId || e.executionId === options.executionId) listener(e);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    stream: () => {
      throw new Error('not used');
    },
  };
  const step = (stepName: string, status: StepStatus, at: string, cacheHit = false, executionId = EX) => {
    for (const l of listeners)
      l({
        type: 'step-status',
        executionId,
        stepName,
        stepExecutionId: `se_${stepName}` as StepExecutionId,
        status,
        attempt: 1,
        cacheHit,
        failureReason: null,
        failureKind: null,
        at,
      });
  };
  return { events, step, listenerCount: () => listeners.size };
}

function terminal(isTTY: boolean) {
  const stdout = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stdout.on('data', (c) => (text += String(c)));
  return { out: createOutput({ stdout, stderr: new PassThrough(), env: { NO_COLOR: '1' } }), text: () => text };
}

describe('attachRunDisplay', () => {
  it('prints one plain line per status change when stdout is not a terminal, ignoring other executions', () => {
    const { events, step, listenerCount } = fakeEvents();
    const t = terminal(false);
    const display = attachRunDisplay(t.out, events, EX);
    step('Prepare', 'Starting', '2026-01-01T00:00:00.000Z');
    step('Prepare', 'Executing', '2026-01-01T00:00:00.100Z');
    step('Prepare', 'Succeeded', '2026-01-01T00:00:01.600Z');
    step('Train', 'Cached', '2026-01-01T00:00:02.000Z', true);
    step('Other', 'Executing', '2026-01-01T00:00:02.000Z', false, 'ex_2' as ExecutionId);
    display.finish();
    expect(t.text().split('\n').filter(Boolean)).toEqual([
      '▶ Prepare                Executing',
      '✓ Prepare                Succeeded  1.6s    ran',
      '↺ Train                  Cached     0.0s    cache hit',
    ]);
    expect(listenerCount()).toBe(0);
  });

  it('redraws a block of lines in place on a terminal', () => {
    const { events, step } = fakeEvents();
    const t = terminal(true);
    const display = attachRunDisplay(t.out, events, EX);
    step('Prepare', 'Executing', '2026-01-01T00:00:00.000Z');
    step('Train', 'Executing', '2026-01-01T00:00:00.000Z');
    step('Prepare', 'Succeeded', '2026-01-01T00:00:01.000Z');
    display.finish();
    const text = t.text();
    expect(text).toContain('\u001b[2A'); // moved up over the two drawn lines to redraw them
    const lastFrame = stripAnsi(text.slice(text.lastIndexOf('\u001b[2A')))
      .split('\u001b[2K')
      .join('');
    expect(lastFrame).toMatch(/✓ Prepare\s+Succeeded\s+1\.0s\s+ran/);
    expect(lastFrame).toMatch(/▶ Train\s+Executing\s+\S+\s+\[ *= *\]/); // activity bar for the running step
  });
});
