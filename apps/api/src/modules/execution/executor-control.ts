import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutionId, StepExecutionId } from '@pedigree/domain';
import type { Executor } from '@pedigree/executor';
import type { GraphStore } from '@pedigree/graph-store';
import type { ExecutionControl, LogLineModel } from './execution-control.ts';

/** Bytes read from the end of a log file to find its last lines: enough for 1,000 long lines, bounded for huge logs. */
const LOG_TAIL_BYTES = 1024 * 1024;

/**
 * The runtime's executor as the API's ExecutionControl. Step logs are read from the files the
 * executor writes under `<dataDir>/logs/<executionId>/<step>/attempt-<n>.<stream>.log` (their
 * layout is the executor's; the executor has no log-reading call yet).
 */
export function toExecutionControl(executor: Executor, store: GraphStore, dataDir: string): ExecutionControl {
  return {
    async start(request) {
      const options = { createdBy: request.createdBy, scheduleId: request.scheduleId ?? null };
      const id = request.selective
        ? await executor.startSelective({
            referenceExecutionId: request.selective.sourceExecutionId,
            steps: request.selective.steps,
            ...(Object.keys(request.parameters).length > 0 ? { parameters: request.parameters } : {}),
            createdBy: request.createdBy,
          })
        : await executor.start({ pipelineVersionId: request.pipelineVersionId }, request.parameters, options);
      return store.getExecution(id);
    },
    stop: (id) => executor.stop(id),
    retry: (id) => executor.retry(id),
    signal: (request) =>
      executor.signal(request.executionId, request.stepName, request.outcome, request.outputs, {
        ...(request.failureReason ? { reason: request.failureReason } : {}),
      }),
    async invalidateCache(scope) {
      if ('stepExecutionId' in scope) {
        const step = await store.getStepExecution(scope.stepExecutionId);
        return executor.invalidateCache({ executionId: step.executionId, stepName: step.stepName });
      }
      return executor.invalidateCache(scope);
    },
    onEvent: (listener) => executor.events.on(listener),
    readLogs: (query) => readStepLogs(dataDir, query.executionId, query.stepName, query.stepExecutionId, query.attempt, query.last),
  };
}

async function readStepLogs(
  dataDir: string,
  executionId: ExecutionId,
  stepName: string,
  _stepExecutionId: StepExecutionId,
  attempt: number,
  last: number,
): Promise<LogLineModel[]> {
  const dir = path.join(dataDir, 'logs', safeName(executionId), safeName(stepName));
  const lines: LogLineModel[] = [];
  // The two streams are separate files without timestamps, so their relative order is unknown:
  // stdout first, then stderr (where failures usually explain themselves, nearest the end).
  for (const stream of ['stdout', 'stderr'] as const) {
    for (const message of await tailLines(path.join(dir, `attempt-${attempt}.${stream}.log`), last)) {
      lines.push({ at: null, stream, message });
    }
  }
  return lines.slice(-last);
}

async function tailLines(file: string, last: number): Promise<string[]> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return [];
  }
  const start = Math.max(0, size - LOG_TAIL_BYTES);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (start > 0) lines.shift(); // a partial first line
    return lines.slice(-last);
  } finally {
    await handle.close();
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
