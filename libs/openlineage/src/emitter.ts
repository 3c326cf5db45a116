import { createHash } from 'node:crypto';
import type { Artifact, JsonObject, JsonValue, OpenLineageRunState } from '@pedigree/domain';
import { parseOpenLineageDatasetUri } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import pRetry, { AbortError } from 'p-retry';

/**
 * The OpenLineage emitter: turns Pedigree's own executions into OpenLineage RunEvents (spec 2-0-2)
 * and POSTs them to another OpenLineage endpoint (Marquez, DataHub, or a Pedigree API).
 *
 * Mapping:
 * - a pipeline execution is a run of job `(namespace, pipelineName)`, runId = the execution id's
 *   UUIDv7 body with dashes;
 * - a step attempt is a run of job `(namespace, "<pipelineName>.<stepName>")` with a `parent` (and
 *   `root`) run facet naming the pipeline execution's run; the first attempt's runId is the step
 *   execution id's body with dashes, a retry's runId is derived from (step execution id, attempt),
 *   because a run that ended with FAIL cannot start again (Airflow's integration does the same per try);
 * - Starting -> START; Succeeded and Cached -> COMPLETE; Failed -> FAIL; Stopped -> ABORT; Skipped
 *   steps never ran and send nothing;
 * - a finished step's inputs and outputs are datasets. An `openlineage://ns/name` artifact keeps its
 *   (namespace, name); any other artifact is named after its URI the way OpenLineage's naming
 *   convention names files and object stores: namespace = `scheme://authority` (just `scheme` when
 *   the URI has no authority, as `file:///...` does), name = the path (`file:///data/iris.csv` is
 *   `(file, /data/iris.csv)`, `pedigree://executions/ex_1/steps/train/outputs/model` is
 *   `(pedigree://executions, /ex_1/steps/train/outputs/model)`). Its digest is the dataset version.
 *   Code artifacts are not datasets and are left out.
 *
 * Delivery never blocks or fails a pipeline: `observe` only queues work; events go out one at a time
 * in order from a bounded in-memory queue (the oldest is dropped beyond the bound, counted and
 * logged), each POST retried with exponential backoff on network errors, 408, 429 and 5xx. `close`
 * stops waiting out backoff delays (one last attempt per event), flushes with a deadline and drops
 * what is left.
 */

export const OPENLINEAGE_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
/** Version of the emitter, part of the producer URI. */
export const PEDIGREE_EMITTER_VERSION = '0.1.0';
/** The `producer` of every event and facet Pedigree sends. */
export const PEDIGREE_PRODUCER = `https://github.com/pedigree/pedigree/tree/v${PEDIGREE_EMITTER_VERSION}/libs/openlineage`;
/** Where the Pedigree run facet (`pedigree`) is described. */
const PEDIGREE_RUN_FACET_SCHEMA = `${PEDIGREE_PRODUCER}/PedigreeRunFacet.json#/$defs/PedigreeRunFacet`;
/** Path appended to a bare endpoint URL, as the OpenLineage clients and Marquez do. */
export const DEFAULT_LINEAGE_PATH = '/api/v1/lineage';

const FACET_SCHEMAS = {
  parent: 'https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet',
  errorMessage: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
  processingEngine: 'https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
  version: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet',
} as const;

/** The logging the emitter needs: a subset of pino's, so the runtime's logger fits. */
export interface EmitterLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
}

/** An execution status change, as the executor publishes it (structurally its `ExecutionStatusEvent`). */
export interface ExecutionTransition {
  readonly type: 'execution-status';
  readonly executionId: string;
  readonly pipelineName: string;
  readonly status: string;
  readonly failureReason: string | null;
  readonly at: string;
}

/** A step status change, as the executor publishes it (structurally its `StepStatusEvent`). */
export interface StepTransition {
  readonly type: 'step-status';
  readonly executionId: string;
  readonly stepName: string;
  readonly stepExecutionId: string;
  readonly status: string;
  readonly attempt: number;
  readonly cacheHit: boolean;
  readonly failureReason: string | null;
  readonly at: string;
}

/** Anything the executor publishes; other event types (log lines) are ignored. */
export type ObservedEvent = ExecutionTransition | StepTransition | { readonly type: string };

export interface OpenLineageDatasetJson {
  readonly namespace: string;
  readonly name: string;
  readonly facets?: JsonObject;
}

/** A RunEvent as sent (plain JSON). */
export interface OpenLineageRunEventJson {
  readonly eventType: OpenLineageRunState;
  readonly eventTime: string;
  readonly producer: string;
  readonly schemaURL: string;
  readonly run: { readonly runId: string; readonly facets?: JsonObject };
  readonly job: { readonly namespace: string; readonly name: string; readonly facets?: JsonObject };
  readonly inputs: readonly OpenLineageDatasetJson[];
  readonly outputs: readonly OpenLineageDatasetJson[];
}

export interface EmitterStats {
  /** Events waiting to be sent (not counting the one in flight). */
  readonly queued: number;
  readonly sent: number;
  /** Events the endpoint refused (4xx) or that failed after every retry. */
  readonly failed: number;
  /** Events dropped because the queue was full or the flush deadline passed. */
  readonly dropped: number;
  /** Retried POST attempts. */
  readonly retries: number;
}

export interface FlushResult {
  /** True when everything queued was sent (or failed) before the deadline. */
  readonly drained: boolean;
  readonly stats: EmitterStats;
}

export interface OpenLineageEmitterOptions {
  /** The endpoint; a URL without a path gets `/api/v1/lineage`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  readonly apiKey?: string | null;
  /** Job namespace of every Pedigree job; default `pedigree`. */
  readonly namespace?: string;
  /**
   * Reads a finished step's input and output artifacts, and (when given) the pipeline name of an
   * execution whose start this emitter did not see (one resumed after a restart).
   */
  readonly store: Pick<GraphStore, 'listStepArtifacts'> & Partial<Pick<GraphStore, 'getExecution'>>;
  readonly logger?: EmitterLogger;
  /** Largest number of events waiting; beyond it the oldest is dropped. Default 10,000. */
  readonly maxQueue?: number;
  /** Retries per event after the first POST. Default 5. */
  readonly retries?: number;
  /** First backoff delay in ms, doubled each retry (randomized ×1–2). Default 500. */
  readonly minBackoffMs?: number;
  /** Largest backoff delay in ms. Default 10,000. */
  readonly maxBackoffMs?: number;
  /** Deadline of one POST in ms. Default 10,000. */
  readonly requestTimeoutMs?: number;
  /** Default the global fetch; tests may pass another. */
  readonly fetch?: typeof fetch;
  /** Default `PEDIGREE_PRODUCER`. */
  readonly producer?: string;
}

export interface OpenLineageEmitter {
  /** Takes an executor event; returns at once (the event is built and sent in the background). */
  observe(event: ObservedEvent): void;
  /** Queues a ready RunEvent. */
  send(event: OpenLineageRunEventJson): void;
  /** Waits until every event observed so far was sent or given up, or until `deadlineMs` passed. */
  flush(deadlineMs: number): Promise<FlushResult>;
  /** Stops accepting events, flushes with the deadline, then drops (and counts) what is left. Idempotent. */
  close(deadlineMs: number): Promise<FlushResult>;
  stats(): EmitterStats;
  /** The resolved endpoint URL. */
  readonly endpoint: string;
}

/* ------------------------------------------------------------------------------------------------
 * Identities
 * --------------------------------------------------------------------------------------------- */

const ID_BODY = /^[a-z]+_([0-9a-f]{32})$/;

/** Formats 32 hex digits as a UUID (8-4-4-4-12). */
function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A UUID (version 8, RFC 9562's custom layout) from a sha256 of the text: stable for the same text. */
function derivedUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return dashed(hex.join(''));
}

/** The runId of one of our ids: its UUIDv7 body with dashes; an id of another shape gets a derived UUID. */
export function openLineageRunIdOf(id: string): string {
  const body = ID_BODY.exec(id)?.[1];
  return body ? dashed(body) : derivedUuid(`pedigree:${id}`);
}

/** The runId of a step attempt: the step execution's for attempt 1, derived from (id, attempt) for a retry. */
export function openLineageStepRunId(stepExecutionId: string, attempt: number): string {
  return attempt <= 1 ? openLineageRunIdOf(stepExecutionId) : derivedUuid(`pedigree:${stepExecutionId}/attempt/${attempt}`);
}

/** The (namespace, name) an artifact URI is known by (see the module doc). */
export function openLineageDatasetRefOfUri(uri: string): { namespace: string; name: string } {
  const ol = parseOpenLineageDatasetUri(uri);
  if (ol) return ol;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/.exec(uri);
  if (!match) return { namespace: 'pedigree', name: uri };
  const scheme = match[1]!.toLowerCase();
  const authority = match[2] ?? '';
  const rawPath = match[3] ?? '';
  let name = rawPath || '/';
  try {
    name = decodeURIComponent(name);
  } catch {
    // A path with a stray % stays as written.
  }
  return { namespace: authority ? `${scheme}://${authority}` : scheme, name };
}

/* ------------------------------------------------------------------------------------------------
 * Building events
 * --------------------------------------------------------------------------------------------- */

const facet = (producer: string, schemaURL: string, body: JsonObject): JsonObject => ({
  _producer: producer,
  _schemaURL: schemaURL,
  ...body,
});

function datasetOfArtifact(artifact: Artifact, producer: string): OpenLineageDatasetJson {
  const ref = openLineageDatasetRefOfUri(artifact.uri);
  const ol = artifact.properties['openlineage'];
  let version: JsonValue | undefined = artifact.digest;
  if (parseOpenLineageDatasetUri(artifact.uri)) {
    // An ingested dataset's version is the producer's, not our stand-in digest; unversioned stays so.
    version = ol && typeof ol === 'object' && !Array.isArray(ol) ? (ol as JsonObject)['version'] : undefined;
  }
  return typeof version === 'string'
    ? { ...ref, facets: { version: facet(producer, FACET_SCHEMAS.version, { datasetVersion: version }) } }
    : { ...ref };
}

function stateOf(status: string): OpenLineageRunState | null {
  switch (status) {
    case 'Starting':
    case 'Executing':
      return 'START';
    case 'Succeeded':
    case 'Cached':
      return 'COMPLETE';
    case 'Failed':
      return 'FAIL';
    case 'Stopped':
      return 'ABORT';
    default:
      // Stopping is not a state OpenLineage has; Skipped steps never ran.
      return null;
  }
}

/** The resolved endpoint: a URL with no path gets `/api/v1/lineage`. Throws on a URL that is not http(s). */
export function openLineageEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${JSON.stringify(url)} must be an http or https URL`);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = DEFAULT_LINEAGE_PATH;
  return parsed.href;
}

/** Thrown for a response that retrying will not change (a 4xx other than 408 and 429). */
class RejectedError extends Error {}

/** Creates an emitter; see the module doc for the mapping and delivery guarantees. */
export function createOpenLineageEmitter(options: OpenLineageEmitterOptions): OpenLineageEmitter {
  const endpoint = openLineageEndpoint(options.url);
  const namespace = options.namespace ?? 'pedigree';
  const producer = options.producer ?? PEDIGREE_PRODUCER;
  const logger = options.logger;
  const maxQueue = Math.max(1, options.maxQueue ?? 10_000);
  const retries = options.retries ?? 5;
  const minBackoffMs = options.minBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;

  const queue: OpenLineageRunEventJson[] = [];
  const stats = { sent: 0, failed: 0, dropped: 0, retries: 0 };
  const abort = new AbortController();
  /** Executions seen, with what their step runs need to name the parent. */
  const executions = new Map<string, { pipelineName: string; started: boolean }>();
  /** Step attempts that sent START (key `stepExecutionId#attempt`), so a terminal state follows one START. */
  const startedSteps = new Set<string>();
  let building: Promise<void> = Promise.resolve();
  let draining: Promise<void> | null = null;
  let closed = false;
  let closing: Promise<FlushResult> | null = null;
  /** Set by `close`: no more backoff waits, each event left gets one last attempt within the deadline. */
  let shuttingDown = false;
  /** Aborts the backoff sleep of the event being sent (not its POST in flight). */
  let backoff: AbortController | null = null;
  let sleeping = false;

  const snapshot = (): EmitterStats => ({ queued: queue.length, ...stats });

  const enqueue = (event: OpenLineageRunEventJson): void => {
    if (closed) {
      stats.dropped += 1;
      return;
    }
    queue.push(event);
    if (queue.length > maxQueue) {
      const dropped = queue.shift()!;
      stats.dropped += 1;
      // One line per power of ten keeps a long outage from flooding the log.
      if (Number.isInteger(Math.log10(stats.dropped)))
        logger?.warn(
          { dropped: stats.dropped, maxQueue, runId: dropped.run.runId, eventType: dropped.eventType },
          'OpenLineage queue full: dropped the oldest event',
        );
    }
    draining ??= drain().finally(() => {
      draining = null;
    });
  };

  const post = async (event: OpenLineageRunEventJson): Promise<void> => {
    const response = await doFetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(requestTimeoutMs)]),
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return;
    const message = `${endpoint} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) throw new Error(message);
    throw new AbortError(new RejectedError(message));
  };

  const drain = async (): Promise<void> => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      if (abort.signal.aborted) {
        stats.dropped += 1;
        continue;
      }
      try {
        await deliver(event);
        stats.sent += 1;
      } catch (error) {
        if (abort.signal.aborted) {
          stats.dropped += 1;
          continue;
        }
        stats.failed += 1;
        logger?.warn(
          { err: (error as Error).message, runId: event.run.runId, eventType: event.eventType, job: event.job.name, failed: stats.failed },
          'OpenLineage event not delivered',
        );
      }
    }
  };

  const deliver = async (event: OpenLineageRunEventJson): Promise<void> => {
    if (shuttingDown) return post(event);
    const own = new AbortController();
    backoff = own;
    try {
      await pRetry(
        () => {
          sleeping = false;
          return post(event);
        },
        {
          retries,
          factor: 2,
          minTimeout: minBackoffMs,
          maxTimeout: maxBackoffMs,
          randomize: true,
          signal: AbortSignal.any([abort.signal, own.signal]),
          shouldRetry: () => !shuttingDown,
          onFailedAttempt: ({ error, retriesLeft, retryDelay }) => {
            if (retriesLeft > 0 && !shuttingDown) {
              stats.retries += 1;
              sleeping = true;
              logger?.debug({ err: error.message, retryDelayMs: retryDelay, runId: event.run.runId }, 'OpenLineage POST failed; retrying');
            }
          },
        },
      );
    } catch (error) {
      // Shutdown cut the backoff short: one last attempt instead of waiting out the delay.
      if (own.signal.aborted && !abort.signal.aborted) return post(event);
      throw error;
    } finally {
      backoff = null;
      sleeping = false;
    }
  };

  const pipelineJob = (pipelineName: string) => ({ namespace, name: pipelineName });
  const engineFacet = facet(producer, FACET_SCHEMAS.processingEngine, {
    version: PEDIGREE_EMITTER_VERSION,
    name: 'Pedigree',
    openlineageAdapterVersion: PEDIGREE_EMITTER_VERSION,
  });

  const executionEvent = (e: ExecutionTransition): OpenLineageRunEventJson | null => {
    const known = executions.get(e.executionId) ?? { pipelineName: e.pipelineName, started: false };
    executions.set(e.executionId, known);
    const state = stateOf(e.status);
    if (state === null || (state === 'START' && known.started)) return null;
    known.started = true;
    if (state !== 'START') executions.delete(e.executionId);
    const runFacets: JsonObject = { processing_engine: engineFacet };
    if (state === 'FAIL' && e.failureReason)
      runFacets['errorMessage'] = facet(producer, FACET_SCHEMAS.errorMessage, {
        message: e.failureReason,
        programmingLanguage: 'TypeScript',
      });
    return {
      eventType: state,
      eventTime: e.at,
      producer,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId: openLineageRunIdOf(e.executionId), facets: runFacets },
      job: {
        ...pipelineJob(e.pipelineName),
        facets: {
          jobType: facet(producer, FACET_SCHEMAS.jobType, { processingType: 'BATCH', integration: 'PEDIGREE', jobType: 'PIPELINE' }),
        },
      },
      inputs: [],
      outputs: [],
    };
  };

  const stepEvent = async (e: StepTransition): Promise<OpenLineageRunEventJson | null> => {
    const state = stateOf(e.status);
    if (state === null) return null;
    const key = `${e.stepExecutionId}#${e.attempt}`;
    if (state === 'START') {
      if (startedSteps.has(key)) return null;
      startedSteps.add(key);
    } else {
      startedSteps.delete(key);
    }
    let pipelineName = executions.get(e.executionId)?.pipelineName;
    if (!pipelineName && options.store.getExecution) {
      // An execution resumed after a restart publishes no start: its START went out before (or never will).
      try {
        pipelineName = (await options.store.getExecution(e.executionId as never)).pipelineName;
        executions.set(e.executionId, { pipelineName, started: true });
      } catch (error) {
        logger?.debug({ err: (error as Error).message, executionId: e.executionId }, 'OpenLineage: cannot read the execution');
      }
    }
    if (!pipelineName) {
      logger?.debug({ executionId: e.executionId, step: e.stepName }, 'OpenLineage: step of an unknown execution not sent');
      return null;
    }
    const parentRef = { run: { runId: openLineageRunIdOf(e.executionId) }, job: pipelineJob(pipelineName) };
    const runFacets: JsonObject = {
      parent: facet(producer, FACET_SCHEMAS.parent, { ...parentRef, root: parentRef }),
      processing_engine: engineFacet,
      pedigree: facet(producer, PEDIGREE_RUN_FACET_SCHEMA, {
        executionId: e.executionId,
        stepExecutionId: e.stepExecutionId,
        attempt: e.attempt,
        cacheHit: e.cacheHit,
      }),
    };
    if (state === 'FAIL' && e.failureReason)
      runFacets['errorMessage'] = facet(producer, FACET_SCHEMAS.errorMessage, {
        message: e.failureReason,
        programmingLanguage: 'TypeScript',
      });
    let inputs: OpenLineageDatasetJson[] = [];
    let outputs: OpenLineageDatasetJson[] = [];
    if (state === 'COMPLETE') {
      try {
        const links = await options.store.listStepArtifacts([e.stepExecutionId as never]);
        const of = (direction: 'input' | 'output') =>
          links.filter((l) => l.direction === direction && l.artifact.type !== 'Code').map((l) => datasetOfArtifact(l.artifact, producer));
        inputs = of('input');
        outputs = of('output');
      } catch (error) {
        // The run's state still goes out; only its datasets are missing.
        logger?.warn({ err: (error as Error).message, stepExecutionId: e.stepExecutionId }, 'OpenLineage: cannot read the step artifacts');
      }
    }
    return {
      eventType: state,
      eventTime: e.at,
      producer,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: { runId: openLineageStepRunId(e.stepExecutionId, e.attempt), facets: runFacets },
      job: {
        namespace,
        name: `${pipelineName}.${e.stepName}`,
        facets: { jobType: facet(producer, FACET_SCHEMAS.jobType, { processingType: 'BATCH', integration: 'PEDIGREE', jobType: 'STEP' }) },
      },
      inputs,
      outputs,
    };
  };

  const waitUntil = async (work: Promise<unknown>, deadlineMs: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs));
    });
    try {
      return await Promise.race([work.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const flush = async (deadlineMs: number): Promise<FlushResult> => {
    const until = Date.now() + deadlineMs;
    const settled = async (): Promise<void> => {
      // Building may queue more events, and sending may start after a build: loop until both are idle.
      for (;;) {
        const b = building;
        await b;
        const d = draining;
        if (d) await d;
        if (b === building && draining === null && queue.length === 0) return;
      }
    };
    const drained = await waitUntil(settled(), until - Date.now());
    return { drained, stats: snapshot() };
  };

  return {
    endpoint,
    observe(event) {
      if (closed) return;
      if (event.type === 'execution-status') {
        const execution = event as ExecutionTransition;
        // Chained with the step builds: events go out in the order observed, and a step build still
        // finds its pipeline's name after the execution's terminal event was observed.
        building = building.then(() => {
          const built = executionEvent(execution);
          if (built) enqueue(built);
        });
      } else if (event.type === 'step-status') {
        const step = event as StepTransition;
        building = building.then(async () => {
          try {
            const built = await stepEvent(step);
            if (built) enqueue(built);
          } catch (error) {
            logger?.warn({ err: (error as Error).message, step: step.stepName }, 'OpenLineage: cannot build a step event');
          }
        });
      }
    },
    send: enqueue,
    flush,
    stats: snapshot,
    close(deadlineMs) {
      closing ??= (async () => {
        // A process that is stopping does not sit out backoff delays: with the endpoint down, close
        // returns after one refused attempt per event instead of at the deadline.
        shuttingDown = true;
        if (sleeping) backoff?.abort();
        const result = await flush(deadlineMs);
        closed = true;
        if (!result.drained) {
          stats.dropped += queue.length;
          queue.length = 0;
          abort.abort(new Error('the OpenLineage emitter was closed'));
          await draining;
        }
        const final = snapshot();
        if (!result.drained || final.dropped > 0 || final.failed > 0)
          logger?.warn({ ...final, deadlineMs }, 'OpenLineage emitter closed with events not delivered');
        else logger?.debug({ ...final }, 'OpenLineage emitter closed');
        return { drained: result.drained, stats: final };
      })();
      return closing;
    },
  };
}
