import {
  TERMINAL_EXECUTION_STATUSES,
  type ExecutionId,
  type ExecutionStatus,
  type IsoTimestamp,
  type StepExecutionId,
} from '@pedigree/domain';
import type { ExecutorEvent, ExecutorEvents } from '@pedigree/executor';
import type { CommandContext } from '../context.ts';
import { usageError } from '../errors.ts';
import { cacheableStepsOf, finishRun } from '../execution-view.ts';
import {
  ExecutionEventsDocument,
  ExecutionStatusDocument,
  ExecutionViewDocument,
  PipelineVersionDefinitionDocument,
  StopExecutionDocument,
  type ExecutionEventsSubscription,
} from '../generated/graphql.ts';
import type { ExecutionView } from '../records.ts';
import { attachRunDisplay } from '../run-display.ts';
import { throwUserErrors, type RemoteClient } from './client.ts';
import { toExecution, toStep } from './to-records.ts';

export type RemoteEvent = ExecutionEventsSubscription['executionEvents'];

/** How often the status is polled when the event stream cannot be used. */
const POLL_MS = 1000;

/** An execution with its steps from the server; CliError (exit 2) naming the id when there is none. */
export async function fetchExecutionView(client: RemoteClient, id: string): Promise<ExecutionView> {
  const { execution } = await client.request(ExecutionViewDocument, { id });
  if (!execution) throw usageError(`no execution with id ${id}`);
  return { execution: toExecution(execution), steps: execution.steps.map(toStep) };
}

/**
 * Calls `onEvent` for the execution's live events (the `executionEvents` subscription: its current
 * status first, then every change) and returns when it has ended. When the event stream breaks
 * off, it polls the status instead, so a lost connection does not leave the command hanging.
 */
export async function followExecution(
  client: RemoteClient,
  id: string,
  onEvent: (event: RemoteEvent) => void,
  signal?: AbortSignal,
): Promise<ExecutionStatus> {
  let last: ExecutionStatus | null = null;
  try {
    await client.subscribe(
      ExecutionEventsDocument,
      { executionId: id },
      (data) => {
        const event = data.executionEvents;
        if (event.kind === 'EXECUTION_STATUS' && event.executionStatus) last = event.executionStatus;
        onEvent(event);
      },
      signal,
    );
  } catch (error) {
    // Auth and unknown ids are the caller's to see; a broken stream falls back to polling.
    if ((error as { exitCode?: number }).exitCode === 2) throw error;
  }
  while (last === null || !TERMINAL_EXECUTION_STATUSES.has(last)) {
    if (signal?.aborted) break;
    const { execution } = await client.request(ExecutionStatusDocument, { id });
    if (!execution) throw usageError(`no execution with id ${id}`);
    last = execution.status;
    if (TERMINAL_EXECUTION_STATUSES.has(last)) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return last!;
}

/** The executor's event shape for a server event, so the local live display can draw it. */
export function toExecutorEvent(e: RemoteEvent): ExecutorEvent | null {
  const base = { executionId: e.executionId as ExecutionId, at: e.at as IsoTimestamp };
  if (e.kind === 'STEP_STATUS' && e.stepName && e.stepStatus) {
    return {
      ...base,
      type: 'step-status',
      stepName: e.stepName,
      // The API's events do not carry the step execution id; the display does not use it.
      stepExecutionId: '' as StepExecutionId,
      status: e.stepStatus,
      attempt: e.attempt ?? 1,
      cacheHit: e.stepStatus === 'Cached',
      failureReason: e.message,
      failureKind: null,
    };
  }
  if (e.kind === 'LOG' && e.stepName && e.message !== null) {
    return {
      ...base,
      type: 'log',
      stepName: e.stepName,
      stepExecutionId: '' as StepExecutionId,
      attempt: e.attempt ?? 1,
      stream: e.stream === 'stderr' ? 'stderr' : 'stdout',
      line: e.message,
    };
  }
  return null;
}

/** Just enough of ExecutorEvents for the run display: listeners called for every event emitted. */
function createListenerBus(): ExecutorEvents & { emit(event: ExecutorEvent): void } {
  const listeners = new Set<(event: ExecutorEvent) => void>();
  return {
    on(listener, options) {
      const wrapped = (event: ExecutorEvent): void => {
        if (!options?.executionId || event.executionId === options.executionId) listener(event);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    stream() {
      throw new Error('the remote event bus has no stream(); use on()');
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
  };
}

/**
 * Follows an execution running on the server with the same live display as a local run (built
 * from its `executionEvents`), stops it on Ctrl-C (a second Ctrl-C exits at once), then prints
 * the summary or JSON exactly as a local run does, and throws CliError (exit 1) unless it succeeded.
 */
export async function watchRemoteExecution(
  ctx: CommandContext,
  client: RemoteClient,
  id: string,
  options: { readonly json?: boolean; readonly showLogs?: boolean } = {},
): Promise<void> {
  const { out } = ctx;
  const bus = createListenerBus();
  const display = options.json ? null : attachRunDisplay(out, bus, id as ExecutionId, { showLogs: options.showLogs ?? false });
  const seen = new Set<string>();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) {
      out.error(`interrupted; exiting without waiting (execution ${id} goes on on the server)`);
      process.exit(130);
    }
    out.error(`stopping execution ${id} on the server (Ctrl-C again to exit at once)`);
    client
      .request(StopExecutionDocument, { id })
      .then((r) => throwUserErrors(r.stopExecution.errors))
      .catch((error: unknown) => out.error(`could not stop: ${(error as Error).message}`));
  };
  process.on('SIGINT', onSigint);
  let view: ExecutionView;
  try {
    if (!options.json) out.line(`Execution ${id} started on ${client.url}`);
    /** Steps the live events have not shown yet, drawn from their stored state (start, then status). */
    const catchUp = (current: ExecutionView): void => {
      for (const s of current.steps) {
        if (seen.has(s.stepName)) continue;
        seen.add(s.stepName);
        const step = {
          type: 'step-status' as const,
          executionId: s.executionId,
          stepName: s.stepName,
          stepExecutionId: s.id,
          attempt: s.attempt,
          cacheHit: s.cacheHit,
          failureReason: s.failureReason,
          failureKind: null,
        };
        // Its start (for the duration shown), then where it is.
        if (s.startedAt && s.status !== 'Starting') bus.emit({ ...step, status: 'Starting', at: s.startedAt });
        bus.emit({ ...step, status: s.status, at: (s.endedAt ?? s.startedAt ?? current.execution.startedAt) as IsoTimestamp });
      }
    };
    // Steps that changed before the subscription was listening: once it is (its first event is the
    // current status), their stored state is drawn; later events update them as usual.
    let caughtUp: Promise<void> | null = null;
    await followExecution(client, id, (event) => {
      caughtUp ??= fetchExecutionView(client, id).then(catchUp, () => undefined);
      const converted = toExecutorEvent(event);
      if (converted?.type === 'step-status') seen.add(converted.stepName);
      if (converted) bus.emit(converted);
    });
    await caughtUp;
    view = await fetchExecutionView(client, id);
    catchUp(view);
  } finally {
    process.off('SIGINT', onSigint);
    display?.finish();
  }
  await finishRun(ctx, view, options.json ?? false, async () => {
    const { pipelineVersion } = await client.request(PipelineVersionDefinitionDocument, { id: view.execution.pipelineVersionId });
    return cacheableStepsOf(pipelineVersion?.definition ?? null);
  });
}
