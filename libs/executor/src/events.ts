import type { ExecutionId, ExecutionStatus, FailureKind, IsoTimestamp, StepExecutionId, StepStatus } from '@pedigree/domain';

/** An execution changed status (written to the store before this is published). */
export interface ExecutionStatusEvent {
  readonly type: 'execution-status';
  readonly executionId: ExecutionId;
  readonly pipelineName: string;
  readonly status: ExecutionStatus;
  readonly failureReason: string | null;
  readonly at: IsoTimestamp;
}

/** A step execution changed status (written to the store before this is published). */
export interface StepStatusEvent {
  readonly type: 'step-status';
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly stepExecutionId: StepExecutionId;
  readonly status: StepStatus;
  readonly attempt: number;
  readonly cacheHit: boolean;
  readonly failureReason: string | null;
  readonly failureKind: FailureKind | null;
  readonly at: IsoTimestamp;
}

/** A line a step wrote to stdout or stderr (or through `context.log`). */
export interface StepLogEvent {
  readonly type: 'log';
  readonly executionId: ExecutionId;
  readonly stepName: string;
  readonly stepExecutionId: StepExecutionId;
  readonly attempt: number;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
  readonly at: IsoTimestamp;
}

export type ExecutorEvent = ExecutionStatusEvent | StepStatusEvent | StepLogEvent;

export interface SubscribeOptions {
  /** Only events of this execution. */
  readonly executionId?: string;
  /** Only these event types. */
  readonly types?: readonly ExecutorEvent['type'][];
  /** Ends the iteration. */
  readonly signal?: AbortSignal;
}

/**
 * The executor's event stream. `on` calls a listener synchronously for every event (listeners must
 * not throw; a throwing listener is removed from the failure path by catching and ignoring);
 * `stream` is an async iterable that buffers events until they are read, for subscriptions and
 * progress displays.
 */
export interface ExecutorEvents {
  /** Returns the function that removes the listener. */
  on(listener: (event: ExecutorEvent) => void, options?: Omit<SubscribeOptions, 'signal'>): () => void;
  /** Events from now on, until `signal` aborts or the consumer stops iterating. */
  stream(options?: SubscribeOptions): AsyncIterableIterator<ExecutorEvent>;
}

export interface EventBus extends ExecutorEvents {
  emit(event: ExecutorEvent): void;
}

function matches(event: ExecutorEvent, options: Omit<SubscribeOptions, 'signal'> | undefined): boolean {
  if (!options) return true;
  if (options.executionId && event.executionId !== options.executionId) return false;
  if (options.types && !options.types.includes(event.type)) return false;
  return true;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: ExecutorEvent) => void>();

  const on: EventBus['on'] = (listener, options) => {
    const wrapped = (event: ExecutorEvent): void => {
      if (matches(event, options)) listener(event);
    };
    listeners.add(wrapped);
    return () => listeners.delete(wrapped);
  };

  return {
    on,
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken consumer must never break a running pipeline.
        }
      }
    },
    stream(options = {}) {
      const buffer: ExecutorEvent[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      const off = on((event) => {
        buffer.push(event);
        wake?.();
      }, options);
      const end = (): void => {
        ended = true;
        off();
        wake?.();
      };
      options.signal?.addEventListener('abort', end, { once: true });
      if (options.signal?.aborted) end();
      const iterator: AsyncIterableIterator<ExecutorEvent> = {
        [Symbol.asyncIterator]: () => iterator,
        async next() {
          while (buffer.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
          wake = null;
          const value = buffer.shift();
          return value ? { value, done: false } : { value: undefined, done: true };
        },
        async return() {
          end();
          return { value: undefined, done: true };
        },
      };
      return iterator;
    },
  };
}
