import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createSortableIdBody,
  NotFoundError,
  ValidationError,
  type ErrorIssue,
  type ExecutionId,
  type ParameterValue,
} from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import type { Logger } from '@pedigree/runtime';
import { resolveParameterValues, type PipelineDefinition } from '@pedigree/sdk';
import { Cron } from 'croner';
import type { ExecutionService } from '../execution/execution-service.ts';

/** A schedule as persisted in `<dataDir>/schedules.json`. */
export interface ScheduleRecord {
  readonly id: string;
  readonly pipelineName: string;
  readonly cron: string;
  readonly timezone: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly paused: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The tick (its scheduled second, ISO) that last started an execution: the at-most-once marker. */
  readonly lastTickAt: string | null;
  readonly lastExecutionId: ExecutionId | null;
}

export interface CreateScheduleArgs {
  readonly pipelineName: string;
  readonly cron: string;
  readonly timezone: string | null;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly createdBy: string;
}

/**
 * Cron schedules (croner) persisted in one JSON file under the data directory, owned by the API.
 *
 * At most once per tick, across restarts: before a tick starts its execution, the tick's time is
 * written to the file (atomically, by rename); a tick at or before the recorded one never fires
 * again. Ticks missed while the service was down are skipped. One service process per data
 * directory is assumed (several API processes would need the store to hold the marker).
 */
export interface ScheduleService {
  list(pipelineName: string | null): Promise<readonly ScheduleRecord[]>;
  find(id: string): Promise<ScheduleRecord | null>;
  /** Throws NOT_FOUND (pipeline), VALIDATION_FAILED (cron, timezone, parameters). */
  create(args: CreateScheduleArgs): Promise<ScheduleRecord>;
  /** Throws NOT_FOUND. */
  setPaused(id: string, paused: boolean): Promise<ScheduleRecord>;
  /** Throws NOT_FOUND. */
  remove(id: string): Promise<void>;
  nextRunAt(record: ScheduleRecord): string | null;
  /** Arms the timers of every schedule that is not paused. */
  start(): Promise<void>;
  /** Disarms every timer (server shutdown). */
  stop(): void;
  /** Fires one tick (what the timer calls); returns the started execution, or null when the tick already fired. */
  fire(id: string, tickAt: Date): Promise<ExecutionId | null>;
}

export interface ScheduleServiceDeps {
  readonly file: string;
  readonly store: GraphStore;
  readonly executions: ExecutionService;
  readonly logger: Logger;
}

interface ScheduleFile {
  readonly version: 1;
  readonly schedules: ScheduleRecord[];
}

export function createScheduleService(deps: ScheduleServiceDeps): ScheduleService {
  const logger = deps.logger.child({ component: 'schedules' });
  const jobs = new Map<string, Cron>();
  let started = false;
  let cache: ScheduleRecord[] | null = null;
  // Every read-modify-write of the file goes through this chain, so writes never interleave.
  let chain: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<ScheduleRecord[]> => {
    if (cache) return cache;
    try {
      const parsed = JSON.parse(await readFile(deps.file, 'utf8')) as ScheduleFile;
      cache = Array.isArray(parsed.schedules) ? parsed.schedules : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = [];
    }
    return cache;
  };
  const save = async (schedules: ScheduleRecord[]): Promise<void> => {
    await mkdir(path.dirname(deps.file), { recursive: true });
    const tmp = `${deps.file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, schedules } satisfies ScheduleFile, null, 2)}\n`);
    await rename(tmp, deps.file);
    cache = schedules;
  };
  const update = <T>(change: (schedules: ScheduleRecord[]) => Promise<{ schedules: ScheduleRecord[]; result: T }>): Promise<T> => {
    const next = chain.then(async () => {
      const { schedules, result } = await change([...(await load())]);
      await save(schedules);
      return result;
    });
    chain = next.catch(() => undefined);
    return next;
  };
  const mustFind = (schedules: readonly ScheduleRecord[], id: string): ScheduleRecord => {
    const found = schedules.find((s) => s.id === id);
    if (!found) throw new NotFoundError('Schedule', id);
    return found;
  };

  const arm = (record: ScheduleRecord): void => {
    disarm(record.id);
    if (!started || record.paused) return;
    const job = new Cron(record.cron, { timezone: record.timezone, protect: true, unref: true }, () => {
      // Croner calls back at or just after the scheduled second; that second identifies the tick.
      const tickAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      service
        .fire(record.id, tickAt)
        .catch((error: unknown) => logger.error({ err: error, scheduleId: record.id }, 'scheduled execution failed to start'));
    });
    jobs.set(record.id, job);
  };
  const disarm = (id: string): void => {
    jobs.get(id)?.stop();
    jobs.delete(id);
  };

  const service: ScheduleService = {
    async list(pipelineName) {
      const all = await load();
      return pipelineName ? all.filter((s) => s.pipelineName === pipelineName) : [...all];
    },
    async find(id) {
      return (await load()).find((s) => s.id === id) ?? null;
    },
    async create(args) {
      const issues: ErrorIssue[] = [];
      const timezone = args.timezone ?? 'UTC';
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: timezone });
      } catch {
        issues.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(timezone)}; use an IANA name such as Europe/Berlin` });
      }
      if (issues.length === 0) {
        try {
          const probe = new Cron(args.cron, { timezone, paused: true });
          const next = probe.nextRun();
          probe.stop();
          if (!next) issues.push({ path: 'cron', message: 'never fires' });
        } catch (error) {
          issues.push({ path: 'cron', message: (error as Error).message.replace(/^CronPattern: /, '') });
        }
      }
      const pipeline = await deps.store.findPipeline(args.pipelineName);
      if (!pipeline) throw new NotFoundError('Pipeline', args.pipelineName, `pipeline not found: ${args.pipelineName}`);
      const version = await deps.store.findPipelineVersion(args.pipelineName, pipeline.latestVersion);
      let parameters: Record<string, ParameterValue> = {};
      try {
        const resolved = resolveParameterValues(version!.definition as unknown as PipelineDefinition, args.parameters);
        // Keep only what the caller gave: defaults are applied afresh by each execution.
        parameters = Object.fromEntries(Object.keys(args.parameters).map((k) => [k, resolved[k]!]));
      } catch (error) {
        if (error instanceof ValidationError) issues.push(...error.issues);
        else throw error;
      }
      if (issues.length > 0) throw new ValidationError('schedule', issues);
      const record: ScheduleRecord = {
        id: `sc_${createSortableIdBody()}`,
        pipelineName: args.pipelineName,
        cron: args.cron.trim(),
        timezone,
        parameters,
        paused: false,
        createdAt: new Date().toISOString(),
        createdBy: args.createdBy,
        lastTickAt: null,
        lastExecutionId: null,
      };
      await update(async (schedules) => ({ schedules: [...schedules, record], result: null }));
      arm(record);
      logger.info({ scheduleId: record.id, pipeline: record.pipelineName, cron: record.cron }, 'schedule created');
      return record;
    },
    async setPaused(id, paused) {
      const record = await update(async (schedules) => {
        const current = mustFind(schedules, id);
        const changed = { ...current, paused };
        return { schedules: schedules.map((s) => (s.id === id ? changed : s)), result: changed };
      });
      arm(record);
      logger.info({ scheduleId: id, paused }, paused ? 'schedule paused' : 'schedule resumed');
      return record;
    },
    async remove(id) {
      await update(async (schedules) => {
        mustFind(schedules, id);
        return { schedules: schedules.filter((s) => s.id !== id), result: null };
      });
      disarm(id);
      logger.info({ scheduleId: id }, 'schedule deleted');
    },
    nextRunAt(record) {
      if (record.paused) return null;
      const job = jobs.get(record.id);
      const next = job ? job.nextRun() : new Cron(record.cron, { timezone: record.timezone, paused: true }).nextRun();
      return next ? next.toISOString() : null;
    },
    async start() {
      started = true;
      for (const record of await load()) arm(record);
      logger.info({ schedules: jobs.size }, 'schedules armed');
    },
    stop() {
      started = false;
      for (const id of [...jobs.keys()]) disarm(id);
    },
    async fire(id, tickAt) {
      const tick = tickAt.toISOString();
      // Record the tick first: if the process dies between this write and the start, the tick is
      // lost rather than run twice.
      const record = await update(async (schedules) => {
        const current = schedules.find((s) => s.id === id);
        if (!current || current.paused || (current.lastTickAt !== null && current.lastTickAt >= tick)) return { schedules, result: null };
        const marked = { ...current, lastTickAt: tick };
        return { schedules: schedules.map((s) => (s.id === id ? marked : s)), result: marked };
      });
      if (!record) return null;
      const execution = await deps.executions.start({
        pipelineName: record.pipelineName,
        version: null,
        parameters: record.parameters,
        selective: null,
        createdBy: `schedule:${record.id}`,
        scheduleId: record.id,
      });
      await update(async (schedules) => ({
        schedules: schedules.map((s) => (s.id === id ? { ...s, lastExecutionId: execution.id } : s)),
        result: null,
      }));
      logger.info({ scheduleId: id, tick, executionId: execution.id }, 'schedule started an execution');
      return execution.id;
    },
  };
  return service;
}
