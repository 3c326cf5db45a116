import {
  InvalidArgumentError,
  OPENLINEAGE_EVENT_KINDS,
  OPENLINEAGE_RUN_STATES,
  ValidationError,
  isDigest,
  type ErrorIssue,
} from '@pedigree/domain';
import type { ColumnLineageQuery } from './openlineage-types.ts';

/*
 * Checks of OpenLineage inputs at the store boundary, shared by every adapter so they reject the
 * same records with the same field paths. The normalizer (`@pedigree/openlineage`) builds valid
 * records; these checks catch a caller that built one by hand. They are shallow on purpose
 * (shapes and identities, not facet contents): facets are whatever JSON the producer sent.
 */

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** Normalized eventTime: UTC with milliseconds, as the record type promises (order is compared as text). */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function facetsIssues(value: unknown, path: string, issues: ErrorIssue[]): void {
  if (!isObject(value)) {
    issues.push({ path, message: 'must be an object of facets' });
    return;
  }
  for (const [name, facet] of Object.entries(value))
    if (!isObject(facet)) issues.push({ path: `${path}.${name}`, message: 'must be an object' });
}

function refIssues(value: unknown, path: string, issues: ErrorIssue[]): void {
  if (!isObject(value)) {
    issues.push({ path, message: 'must be an object with namespace and name' });
    return;
  }
  if (!isNonEmptyString(value.namespace)) issues.push({ path: `${path}.namespace`, message: 'must be a non-empty string' });
  if (!isNonEmptyString(value.name)) issues.push({ path: `${path}.name`, message: 'must be a non-empty string' });
}

function datasetsIssues(value: unknown, path: string, issues: ErrorIssue[]): void {
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'must be a list of datasets' });
    return;
  }
  value.forEach((d: unknown, i) => {
    const p = `${path}[${i}]`;
    refIssues(d, p, issues);
    if (!isObject(d)) return;
    if (d.version !== null && !isNonEmptyString(d.version))
      issues.push({ path: `${p}.version`, message: 'must be a non-empty string or null' });
    facetsIssues(d.facets, `${p}.facets`, issues);
    facetsIssues(d.ioFacets, `${p}.ioFacets`, issues);
  });
}

/** The problems of a record, with field paths; empty when it can be applied. */
export function openLineageRecordIssues(record: unknown): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!isObject(record)) return [{ path: '', message: 'must be an OpenLineage event record' }];
  const r = record;
  if (!isDigest(r.eventDigest)) issues.push({ path: 'eventDigest', message: 'must be sha256:<64 lowercase hex>' });
  const kind = r.kind;
  if (!(OPENLINEAGE_EVENT_KINDS as readonly unknown[]).includes(kind))
    issues.push({ path: 'kind', message: `must be one of ${OPENLINEAGE_EVENT_KINDS.join(', ')}` });
  if (kind === 'RunEvent') {
    if (!(OPENLINEAGE_RUN_STATES as readonly unknown[]).includes(r.eventType))
      issues.push({ path: 'eventType', message: `must be one of ${OPENLINEAGE_RUN_STATES.join(', ')} for a RunEvent` });
  } else if (r.eventType !== null) issues.push({ path: 'eventType', message: 'must be null for a DatasetEvent or JobEvent' });
  for (const field of ['eventTime', 'receivedAt'] as const)
    if (typeof r[field] !== 'string' || !ISO_UTC_MS.test(r[field]) || Number.isNaN(Date.parse(r[field])))
      issues.push({ path: field, message: 'must be a UTC timestamp with milliseconds (2024-01-01T00:00:00.000Z)' });
  if (typeof r.producer !== 'string') issues.push({ path: 'producer', message: 'must be a string' });
  if (kind === 'DatasetEvent') {
    if (r.job !== null) issues.push({ path: 'job', message: 'must be null for a DatasetEvent' });
  } else {
    refIssues(r.job, 'job', issues);
    if (isObject(r.job)) facetsIssues(r.job.facets, 'job.facets', issues);
  }
  if (kind === 'RunEvent') {
    if (!isObject(r.run)) issues.push({ path: 'run', message: 'must be an object with runId and facets for a RunEvent' });
    else {
      if (!isNonEmptyString(r.run.runId)) issues.push({ path: 'run.runId', message: 'must be a non-empty string' });
      facetsIssues(r.run.facets, 'run.facets', issues);
    }
    if (r.parent !== null) {
      if (!isObject(r.parent)) issues.push({ path: 'parent', message: 'must be an object with runId and job, or null' });
      else {
        if (!isNonEmptyString(r.parent.runId)) issues.push({ path: 'parent.runId', message: 'must be a non-empty string' });
        else if (isObject(r.run) && typeof r.run.runId === 'string' && r.parent.runId.toLowerCase() === r.run.runId.toLowerCase())
          issues.push({ path: 'parent.runId', message: 'must differ from run.runId (a run cannot be its own parent)' });
        refIssues(r.parent.job, 'parent.job', issues);
      }
    }
  } else {
    if (r.run !== null) issues.push({ path: 'run', message: 'must be null for a DatasetEvent or JobEvent' });
    if (r.parent !== null) issues.push({ path: 'parent', message: 'must be null for a DatasetEvent or JobEvent' });
  }
  datasetsIssues(r.inputs, 'inputs', issues);
  datasetsIssues(r.outputs, 'outputs', issues);
  if (!Array.isArray(r.columnLineage)) issues.push({ path: 'columnLineage', message: 'must be a list of edges' });
  else
    r.columnLineage.forEach((e: unknown, i) => {
      const p = `columnLineage[${i}]`;
      if (!isObject(e)) {
        issues.push({ path: p, message: 'must be an object with from, to and transformations' });
        return;
      }
      for (const side of ['from', 'to'] as const) {
        refIssues(e[side], `${p}.${side}`, issues);
        if (isObject(e[side]) && !isNonEmptyString(e[side].field))
          issues.push({ path: `${p}.${side}.field`, message: 'must be a non-empty string' });
      }
      if (!Array.isArray(e.transformations)) issues.push({ path: `${p}.transformations`, message: 'must be a list' });
    });
  if (!isObject(r.event)) issues.push({ path: 'event', message: 'must be the event as received (a JSON object)' });
  return issues;
}

/** A runId argument: a non-empty string (compared lower-cased, as run node ids are). */
export function requireOpenLineageRunId(argument: string, value: unknown): string {
  if (!isNonEmptyString(value)) throw new InvalidArgumentError(argument, 'must be a non-empty runId');
  return value.toLowerCase();
}

/** A dataset argument pair (namespace, name). */
export function requireOpenLineageDataset(namespace: unknown, name: unknown): void {
  if (!isNonEmptyString(namespace)) throw new InvalidArgumentError('namespace', 'must be a non-empty string');
  if (!isNonEmptyString(name)) throw new InvalidArgumentError('name', 'must be a non-empty string');
}

/** The column lineage query with its defaults; INVALID_ARGUMENT naming the bad field. */
export function normalizeColumnLineageQuery(
  query: ColumnLineageQuery,
): Required<Omit<ColumnLineageQuery, 'field'>> & { field: string | null } {
  if (!isObject(query)) throw new InvalidArgumentError('query', 'must be an object with namespace and name');
  requireOpenLineageDataset(query.namespace, query.name);
  const direction = query.direction ?? 'BOTH';
  if (direction !== 'UPSTREAM' && direction !== 'DOWNSTREAM' && direction !== 'BOTH')
    throw new InvalidArgumentError('direction', 'must be UPSTREAM, DOWNSTREAM or BOTH');
  if (query.field !== undefined && !isNonEmptyString(query.field)) throw new InvalidArgumentError('field', 'must be a non-empty string');
  return { namespace: query.namespace, name: query.name, direction, field: query.field ?? null };
}

/**
 * JSON text of a value from a record, as adapters store facets, transformations and the raw event.
 * VALIDATION_FAILED naming the record field (`path`) when it is not JSON (a BigInt, a cycle), so
 * every adapter rejects such a record the same way and before writing anything.
 */
export function openLineageJsonText(value: unknown, path: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new ValidationError('OpenLineage event record', [{ path, message: `cannot be stored as JSON (${(error as Error).message})` }]);
  }
  if (text === undefined) throw new ValidationError('OpenLineage event record', [{ path, message: 'cannot be stored as JSON' }]);
  return text;
}
