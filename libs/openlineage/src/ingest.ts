import { isPedigreeError, type IsoTimestamp } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { normalizeOpenLineageEvent } from './normalize.ts';
import { validateOpenLineageEvent, type OpenLineageIssue, type OpenLineageWarning } from './validate.ts';

/** What happened to one event of a payload. */
export interface OpenLineageEventResult {
  /** Position in the payload (0 for a single event; array index; NDJSON: the n-th non-blank line). */
  readonly index: number;
  /** NDJSON only: the 1-based line the event was on. */
  readonly line?: number;
  /** created: stored; duplicate: the same event (same canonical JSON) was stored before, nothing changed; invalid: rejected, nothing stored. */
  readonly status: 'created' | 'duplicate' | 'invalid';
  /** RunEvents: the run's id, lower-cased. */
  readonly runId?: string;
  /** sha256 of the event's canonical JSON (absent for an invalid event). */
  readonly eventDigest?: string;
  /** Facets accepted although off their schema (kind off-schema) or without a known schema (kind unknown-facet). */
  readonly warnings: readonly OpenLineageWarning[];
  /** Why the event was rejected: the JSON pointer of the problem (prefixed with the line for NDJSON) and a message. */
  readonly error?: OpenLineageIssue;
}

export interface OpenLineageIngestReport {
  readonly results: readonly OpenLineageEventResult[];
  readonly created: number;
  readonly duplicates: number;
  readonly invalid: number;
}

/** Per-producer counters since the process started. */
export interface OpenLineageProducerStats {
  readonly producer: string;
  readonly events: number;
  readonly created: number;
  readonly duplicates: number;
  readonly invalid: number;
  /** Warnings of kind off-schema: facets accepted although they do not match their schema (and event times without offset). */
  readonly warnings: number;
  /** Custom facets with no schema known here (kind unknown-facet): allowed by the spec, counted apart. */
  readonly unknownFacets: number;
}

export interface OpenLineageStats {
  record(producer: string, status: OpenLineageEventResult['status'], warnings: readonly OpenLineageWarning[]): void;
  /** Sorted by producer. */
  snapshot(): readonly OpenLineageProducerStats[];
}

/** Producer of an event that has none (or not as a string). */
export const UNKNOWN_PRODUCER = '(unknown)';

/** In-memory counters, one entry per producer URI (bounded: further producers share one entry). */
export function createOpenLineageStats(options: { readonly maxProducers?: number } = {}): OpenLineageStats {
  const maxProducers = options.maxProducers ?? 1000;
  const byProducer = new Map<
    string,
    { events: number; created: number; duplicates: number; invalid: number; warnings: number; unknownFacets: number }
  >();
  return {
    record(producer, status, warnings) {
      // A client sending a new producer string per event must not grow the map without end.
      const key = byProducer.has(producer) || byProducer.size < maxProducers ? producer : '(other producers)';
      let entry = byProducer.get(key);
      if (!entry) byProducer.set(key, (entry = { events: 0, created: 0, duplicates: 0, invalid: 0, warnings: 0, unknownFacets: 0 }));
      entry.events += 1;
      if (status === 'created') entry.created += 1;
      else if (status === 'duplicate') entry.duplicates += 1;
      else entry.invalid += 1;
      for (const warning of warnings) {
        if (warning.kind === 'unknown-facet') entry.unknownFacets += 1;
        else entry.warnings += 1;
      }
    },
    snapshot() {
      return [...byProducer.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([producer, counts]) => ({ producer, ...counts }));
    },
  };
}

export interface IngestOpenLineageOptions {
  /** When the payload arrived; default now. */
  readonly receivedAt?: IsoTimestamp;
  /** Counters to update. */
  readonly stats?: OpenLineageStats;
  /** Events written at once; default 8. */
  readonly concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;

/** One event of a payload, or the reason a piece of the payload is not one (an NDJSON line that is not JSON). */
export type OpenLineagePayloadItem =
  | { readonly index: number; readonly line?: number; readonly event: unknown }
  | { readonly index: number; readonly line: number; readonly error: OpenLineageIssue };

/**
 * The events of NDJSON text: one JSON value per line, blank lines skipped. A line that is not JSON
 * is an item with an error naming the line and position, so one bad line does not drop the others.
 */
export function parseOpenLineageNdjson(text: string): OpenLineagePayloadItem[] {
  const items: OpenLineagePayloadItem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const index = items.length;
    try {
      items.push({ index, line: i + 1, event: JSON.parse(raw) as unknown });
    } catch (error) {
      items.push({ index, line: i + 1, error: { path: `line ${i + 1}`, message: `not valid JSON: ${(error as Error).message}` } });
    }
  });
  return items;
}

/** A parsed JSON body: an array is a batch, anything else one event. */
export function openLineageJsonItems(body: unknown): OpenLineagePayloadItem[] {
  return Array.isArray(body) ? body.map((event: unknown, index) => ({ index, event })) : [{ index: 0, event: body }];
}

function producerOf(event: unknown): string {
  const producer = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)['producer'] : undefined;
  return typeof producer === 'string' && producer.length > 0 ? producer : UNKNOWN_PRODUCER;
}

/**
 * Validates, normalizes and stores each event of a payload, a few at a time (the store's mapping
 * makes the order irrelevant to the resulting graph); results come back in payload order. An invalid event is
 * reported with its path and stores nothing; it does not stop the others. A store failure other
 * than a rejected record (STORE_UNAVAILABLE, an unexpected error) is thrown: the producer should
 * re-send, and the events already stored are recognised as duplicates.
 *
 * `payload`: NDJSON text (a string), an array of events, or one event.
 */
export async function ingestOpenLineage(
  store: GraphStore,
  payload: unknown,
  options: IngestOpenLineageOptions = {},
): Promise<OpenLineageIngestReport> {
  const items = typeof payload === 'string' ? parseOpenLineageNdjson(payload) : openLineageJsonItems(payload);
  const receivedAt = options.receivedAt ?? (new Date().toISOString() as IsoTimestamp);
  const one = async (item: OpenLineagePayloadItem): Promise<OpenLineageEventResult> => {
    const at = { index: item.index, ...(item.line !== undefined ? { line: item.line } : {}) };
    const linePrefix = item.line !== undefined ? `line ${item.line}: ` : '';
    if ('error' in item) return { ...at, status: 'invalid', warnings: [], error: item.error };
    const validation = validateOpenLineageEvent(item.event);
    if (!validation.ok) {
      return {
        ...at,
        status: 'invalid',
        warnings: [],
        error: { path: `${linePrefix}${validation.error.path}`, message: validation.error.message },
      };
    }
    const record = normalizeOpenLineageEvent(validation.event, validation.kind, receivedAt);
    try {
      const outcome = await store.recordOpenLineageEvent(record);
      return {
        ...at,
        status: outcome.applied ? 'created' : 'duplicate',
        ...(record.run ? { runId: record.run.runId } : {}),
        eventDigest: record.eventDigest,
        warnings: validation.warnings,
      };
    } catch (error) {
      // The store's own checks refused the record (VALIDATION_FAILED with field paths): the event is invalid.
      if (!isPedigreeError(error) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'INVALID_ARGUMENT')) throw error;
      return { ...at, status: 'invalid', warnings: validation.warnings, error: { path: `${linePrefix}/`, message: error.message } };
    }
  };

  // A few events in flight at once: the store joins concurrent writes into one transaction (group
  // commit), and the resulting graph does not depend on the order they are applied in.
  const results: OpenLineageEventResult[] = new Array<OpenLineageEventResult>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const position = next;
      next += 1;
      const item = items[position]!;
      try {
        const result = await one(item);
        results[position] = result;
        options.stats?.record('error' in item ? UNKNOWN_PRODUCER : producerOf(item.event), result.status, result.warnings);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, items.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  let created = 0;
  let duplicates = 0;
  let invalid = 0;
  for (const result of results) {
    if (result.status === 'created') created += 1;
    else if (result.status === 'duplicate') duplicates += 1;
    else invalid += 1;
  }
  return { results, created, duplicates, invalid };
}
