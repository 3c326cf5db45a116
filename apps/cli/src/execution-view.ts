import { createExecutionId, type ExecutionId, type PipelineVersionId } from '@pedigree/domain';
import type { Runtime } from '@pedigree/runtime';
import type { CommandContext } from './context.ts';
import { failure } from './errors.ts';
import { formatTable, type Output } from './output.ts';
import { toExecutionView, type ExecutionRecord, type ExecutionView, type StepRecord } from './records.ts';
import { attachRunDisplay, formatSeconds } from './run-display.ts';

export function durationMs(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  return Date.parse(end) - Date.parse(start);
}

export function executionLine(e: ExecutionRecord): string {
  const d = durationMs(e.startedAt, e.endedAt);
  return `${e.id}  ${e.pipelineName}  ${e.status}  started ${e.startedAt}${d === null ? '' : `  took ${formatSeconds(d)}`}`;
}

export function stepTable(steps: readonly StepRecord[]): string[] {
  return formatTable(
    ['STEP', 'TYPE', 'STATUS', 'ATTEMPT', 'DURATION', 'CACHE', 'ID'],
    steps.map((s) => {
      const d = durationMs(s.startedAt, s.endedAt);
      const cache = s.cacheHit ? `hit (reused ${s.reusedStepExecutionId ?? '?'})` : s.cacheMiss ? `miss: ${s.cacheMiss.reason}` : '-';
      return [s.stepName, s.stepType, s.status, String(s.attempt), d === null ? '-' : formatSeconds(d), cache, s.id];
    }),
  );
}

export function printExecution(out: Output, view: ExecutionView): void {
  const e = view.execution;
  out.line(executionLine(e));
  const params = Object.keys(e.parameters).sort();
  out.line(`  pipeline version ${e.pipelineVersionId}`);
  out.line(`  parameters: ${params.length ? params.map((k) => `${k}=${String(e.parameters[k])}`).join(' ') : '(none)'}`);
  if (e.createdBy) out.line(`  started by ${e.createdBy}`);
  if (e.failureReason) out.line(`  failure: ${e.failureReason}`);
  out.line('', ...stepTable(view.steps));
}

/** One summary line for a finished run: how many steps ran, came from cache or were skipped; `cacheable` names the steps with caching on. */
export function summaryLine(view: ExecutionView, cacheable: ReadonlySet<string> | null = null): string {
  const e = view.execution;
  const count = (pred: (s: StepRecord) => boolean): number => view.steps.filter(pred).length;
  const ran = count((s) => s.status === 'Succeeded' && !s.cacheHit);
  const cached = count((s) => s.cacheHit);
  const skipped = count((s) => s.status === 'Skipped');
  const failed = count((s) => s.status === 'Failed');
  const jobSteps = view.steps.filter((s) =>
    cacheable ? cacheable.has(s.stepName) : s.stepType === 'processing' || s.stepType === 'training' || s.stepType === 'evaluation',
  );
  const allCached = jobSteps.length > 0 && jobSteps.every((s) => s.cacheHit);
  const what = !cacheable
    ? 'every job step reused an earlier result'
    : jobSteps.length === 1
      ? 'the one cacheable step reused an earlier result'
      : `all ${jobSteps.length} cacheable steps reused earlier results`;
  const d = durationMs(e.startedAt, e.endedAt);
  const parts = [`${ran} ran`, `${cached} from cache`, `${skipped} skipped`];
  if (failed) parts.push(`${failed} failed`);
  return `Execution ${e.id} ${e.status}${d === null ? '' : ` in ${formatSeconds(d)}`}: ${parts.join(', ')}${allCached ? ` (fully cached: ${what})` : ''}`;
}

/**
 * Starts an execution through `start(id)`, shows it live, stops it cleanly on Ctrl-C (a second
 * Ctrl-C exits at once) and waits for the end. Prints the summary (or JSON) and throws CliError
 * (exit 1) when the execution did not succeed.
 */
export async function runAndWatch(
  ctx: CommandContext,
  runtime: Runtime,
  start: (executionId: ExecutionId) => Promise<ExecutionId>,
  options: { json?: boolean; showLogs?: boolean; executionId?: ExecutionId } = {},
): Promise<void> {
  const { out } = ctx;
  const wanted = options.executionId ?? createExecutionId();
  const display = options.json ? null : attachRunDisplay(out, runtime.executor.events, wanted, { showLogs: options.showLogs ?? false });
  let interrupts = 0;
  let id: ExecutionId | null = null;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1 || id === null) {
      out.error('interrupted; exiting without waiting (the execution can be resumed or stopped later)');
      process.exit(130);
    }
    out.error(`stopping execution ${id} (Ctrl-C again to exit at once)`);
    runtime.executor.stop(id).catch((error: unknown) => out.error(`could not stop: ${(error as Error).message}`));
  };
  process.on('SIGINT', onSigint);
  try {
    id = await start(wanted);
    if (!options.json) out.line(`Execution ${id} started`);
    await runtime.executor.wait(id);
  } finally {
    process.off('SIGINT', onSigint);
    display?.finish();
  }
  const view = toExecutionView(await runtime.store.getExecutionWithSteps(id));
  await finishRun(ctx, view, options.json ?? false, async () => cacheableSteps(runtime, view.execution.pipelineVersionId));
}

/**
 * Prints a finished run (JSON, or the summary line naming the cacheable steps) and throws CliError
 * (exit 1) when it did not succeed. Shared by local runs and runs followed on a server.
 */
export async function finishRun(
  ctx: CommandContext,
  view: ExecutionView,
  json: boolean,
  cacheable: () => Promise<ReadonlySet<string>>,
): Promise<void> {
  if (json) ctx.out.json(view);
  else ctx.out.line(summaryLine(view, await cacheable()));
  const e = view.execution;
  if (e.status !== 'Succeeded') throw failure(`execution ${e.id} ${e.status}${e.failureReason ? `: ${e.failureReason}` : ''}`);
}

/** Names of the steps whose definition has caching on (job steps with `cache.enabled`). */
export async function cacheableSteps(runtime: Runtime, pipelineVersionId: PipelineVersionId): Promise<Set<string>> {
  return cacheableStepsOf((await runtime.store.getPipelineVersion(pipelineVersionId)).definition);
}

/** Names of the steps of a definition document whose caching is on. */
export function cacheableStepsOf(definition: unknown): Set<string> {
  const steps = (definition as { steps?: unknown } | null)?.steps;
  const out = new Set<string>();
  if (!Array.isArray(steps)) return out;
  for (const s of steps as { name?: unknown; cache?: { enabled?: unknown } }[]) {
    if (typeof s.name === 'string' && s.cache?.enabled === true) out.add(s.name);
  }
  return out;
}
