import {
  canonicalDigest,
  canonicalJson,
  OPENLINEAGE_RUN_STATES,
  type ColumnLineageEdge,
  type IsoTimestamp,
  type JsonObject,
  type JsonValue,
  type OpenLineageEventKind,
  type OpenLineageJobRef,
  type OpenLineageRunState,
} from '@pedigree/domain';
import type { OpenLineageDatasetRecord, OpenLineageEventRecord, OpenLineageFacets } from '@pedigree/graph-store';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * RFC 3339 date-time, plus the offset-less form the Python client's serde example sends
 * (`2021-11-03T10:53:52.427343`), which is read as UTC. Fractions beyond milliseconds are cut.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** An eventTime as UTC with milliseconds (`2024-01-01T00:00:00.000Z`); null when it is not a date-time. */
export function normalizeOpenLineageTime(text: string): IsoTimestamp | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = m;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (sign) time -= (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0)) * 60_000;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : (date.toISOString() as IsoTimestamp);
}

/** True when the eventTime has no UTC offset (read as UTC, with a warning). */
export function isOffsetLessTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  return m !== null && m[8] === undefined;
}

/**
 * Facets as the store keeps them: every facet that is a JSON object, as sent. A non-object value
 * (which the validator reported as a warning) has no place in the facet maps; it stays in the raw event.
 */
function facetsOf(value: unknown): OpenLineageFacets {
  if (!isObject(value)) return {};
  const out: Record<string, JsonObject> = {};
  for (const [key, facet] of Object.entries(value)) if (isObject(facet)) out[key] = facet as JsonObject;
  return out;
}

/**
 * The version an event names for a dataset: the dataset version facet's `datasetVersion`, else a
 * digest of the schema facet's fields (a schema change is a new version), else null.
 */
export function openLineageDatasetVersion(facets: OpenLineageFacets): string | null {
  const version = facets['version']?.['datasetVersion'];
  if (isNonEmptyString(version)) return version;
  if (typeof version === 'number' && Number.isFinite(version)) return String(version);
  const fields = facets['schema']?.['fields'];
  if (Array.isArray(fields)) return canonicalDigest(fields);
  return null;
}

function datasetRecords(value: unknown, ioKey: 'inputFacets' | 'outputFacets'): OpenLineageDatasetRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((dataset) => {
    const facets = facetsOf(dataset['facets']);
    return {
      namespace: String(dataset['namespace']),
      name: String(dataset['name']),
      version: openLineageDatasetVersion(facets),
      facets,
      ioFacets: facetsOf(dataset[ioKey]),
    };
  });
}

function jobRefOf(value: unknown): OpenLineageJobRef | null {
  if (!isObject(value) || !isNonEmptyString(value['namespace']) || !isNonEmptyString(value['name'])) return null;
  return { namespace: value['namespace'], name: value['name'] };
}

/** The parent run facet: `{ run: { runId }, job: { namespace, name } }` (its optional `root` is kept in the facet only). */
function parentOf(runFacets: OpenLineageFacets, runId: string): OpenLineageEventRecord['parent'] {
  const parent = runFacets['parent'];
  if (!parent) return null;
  const run = parent['run'];
  const job = jobRefOf(parent['job']);
  if (!isObject(run) || !isNonEmptyString(run['runId']) || !job) return null;
  const parentRunId = run['runId'].toLowerCase();
  // A run cannot be its own parent; such a facet is kept as sent but makes no PART_OF edge.
  if (parentRunId === runId) return null;
  return { runId: parentRunId, job };
}

interface InputField {
  readonly namespace: string;
  readonly name: string;
  readonly field: string;
  readonly transformations: readonly JsonValue[];
}

function inputFieldsOf(value: unknown): InputField[] {
  if (!Array.isArray(value)) return [];
  const out: InputField[] = [];
  for (const entry of value) {
    if (
      !isObject(entry) ||
      !isNonEmptyString(entry['namespace']) ||
      !isNonEmptyString(entry['name']) ||
      !isNonEmptyString(entry['field'])
    ) {
      continue;
    }
    const transformations = Array.isArray(entry['transformations']) ? (entry['transformations'] as JsonValue[]) : [];
    out.push({ namespace: entry['namespace'], name: entry['name'], field: entry['field'], transformations });
  }
  return out;
}

/**
 * The field that stands for a whole output dataset in column lineage: the facet's `dataset`
 * entries (input fields that affect every row, e.g. a filter, join or grouping key) have no output
 * field, so they flow into this one.
 */
export const WHOLE_DATASET_FIELD = '*';

/**
 * Field-level edges from every output's column lineage facet (facet `columnLineage`): one edge per
 * (input field, output field), plus one per dataset-level entry into `WHOLE_DATASET_FIELD`.
 * Duplicates merge (their transformations joined without repeats); sorted by (from, to) so the
 * same facet always gives the same list.
 */
function columnLineageOf(outputs: readonly OpenLineageDatasetRecord[]): ColumnLineageEdge[] {
  const edges = new Map<string, { edge: ColumnLineageEdge; seen: Set<string> }>();
  const add = (input: InputField, to: ColumnLineageEdge['to']): void => {
    const from = { namespace: input.namespace, name: input.name, field: input.field };
    const key = canonicalJson([from.namespace, from.name, from.field, to.namespace, to.name, to.field]);
    let entry = edges.get(key);
    if (!entry) {
      entry = { edge: { from, to, transformations: [] }, seen: new Set() };
      edges.set(key, entry);
    }
    for (const t of input.transformations) {
      const text = canonicalJson(t);
      if (entry.seen.has(text)) continue;
      entry.seen.add(text);
      (entry.edge.transformations as JsonValue[]).push(t);
    }
  };
  for (const output of outputs) {
    const facet = output.facets['columnLineage'];
    if (!facet) continue;
    const fields = facet['fields'];
    if (isObject(fields)) {
      for (const [field, spec] of Object.entries(fields)) {
        if (!isObject(spec) || field.length === 0) continue;
        for (const input of inputFieldsOf(spec['inputFields'])) add(input, { namespace: output.namespace, name: output.name, field });
      }
    }
    for (const input of inputFieldsOf(facet['dataset'])) {
      add(input, { namespace: output.namespace, name: output.name, field: WHOLE_DATASET_FIELD });
    }
  }
  const key = (e: ColumnLineageEdge): string =>
    canonicalJson([e.from.namespace, e.from.name, e.from.field, e.to.namespace, e.to.name, e.to.field]);
  return [...edges.values()].map((e) => e.edge).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Builds the store record of an event that `validateOpenLineageEvent` accepted. `kind` is the
 * definition it validated against; `receivedAt` is when it arrived (kept in the log only).
 * Throws only on an event the validator would have rejected (a bug in the caller).
 */
export function normalizeOpenLineageEvent(event: JsonObject, kind: OpenLineageEventKind, receivedAt: IsoTimestamp): OpenLineageEventRecord {
  const eventTime = normalizeOpenLineageTime(String(event['eventTime']));
  if (!eventTime) throw new Error(`eventTime ${JSON.stringify(event['eventTime'])} is not a date-time: validate the event first`);
  const jobValue = event['job'];
  const job = kind === 'DatasetEvent' ? null : jobRefOf(jobValue);
  if (kind !== 'DatasetEvent' && !job) throw new Error('the event has no job: validate the event first');

  let run: OpenLineageEventRecord['run'] = null;
  let parent: OpenLineageEventRecord['parent'] = null;
  let eventType: OpenLineageRunState | null = null;
  if (kind === 'RunEvent') {
    const runValue = event['run'] as Record<string, unknown>;
    const runId = String(runValue['runId']).toLowerCase();
    const facets = facetsOf(runValue['facets']);
    run = { runId, facets };
    parent = parentOf(facets, runId);
    const type = event['eventType'];
    eventType = (OPENLINEAGE_RUN_STATES as readonly unknown[]).includes(type) ? (type as OpenLineageRunState) : 'OTHER';
  }

  const inputs = datasetRecords(event['inputs'], 'inputFacets');
  // A DatasetEvent's one dataset is recorded as an output: the event says the dataset exists as described.
  const outputs =
    kind === 'DatasetEvent' ? datasetRecords([event['dataset']], 'outputFacets') : datasetRecords(event['outputs'], 'outputFacets');

  return {
    eventDigest: canonicalDigest(event),
    kind,
    eventType,
    eventTime,
    producer: String(event['producer']),
    job: job ? { ...job, facets: facetsOf((jobValue as Record<string, unknown>)['facets']) } : null,
    run,
    parent,
    inputs,
    outputs,
    columnLineage: columnLineageOf(outputs),
    event,
    receivedAt,
  };
}
