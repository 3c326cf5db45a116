import {
  canonicalDigest,
  type ColumnLineageEdge,
  type IsoTimestamp,
  type JsonObject,
  type OpenLineageEventKind,
  type OpenLineageJobRef,
  type OpenLineageRunState,
} from '@pedigree/domain';
import type { OpenLineageDatasetRecord, OpenLineageEventRecord, OpenLineageFacets } from '../openlineage-types.ts';

/*
 * Builds `OpenLineageEventRecord`s for tests without the normalizer: the record a spec describes,
 * plus a raw event that mirrors it (so distinct specs have distinct event digests, and the log
 * holds something an emitter could have sent).
 */

export interface OpenLineageDatasetSpec {
  readonly namespace: string;
  readonly name: string;
  /** Default null (the dataset's unversioned node). */
  readonly version?: string | null;
  readonly facets?: OpenLineageFacets;
  readonly ioFacets?: OpenLineageFacets;
}

export interface OpenLineageRecordSpec {
  /** Default RunEvent. */
  readonly kind?: OpenLineageEventKind;
  /** RunEvent only; default START. */
  readonly eventType?: OpenLineageRunState;
  readonly eventTime: IsoTimestamp;
  readonly producer?: string;
  /** Required for RunEvent and JobEvent. */
  readonly job?: OpenLineageJobRef & { readonly facets?: OpenLineageFacets };
  /** Required for RunEvent. */
  readonly runId?: string;
  readonly runFacets?: OpenLineageFacets;
  readonly parent?: { readonly runId: string; readonly job: OpenLineageJobRef };
  readonly inputs?: readonly OpenLineageDatasetSpec[];
  readonly outputs?: readonly OpenLineageDatasetSpec[];
  readonly columnLineage?: readonly ColumnLineageEdge[];
  /** Default: a fixed time (the log keeps it; the graph never depends on it). */
  readonly receivedAt?: IsoTimestamp;
}

export const TEST_OPENLINEAGE_PRODUCER = 'https://github.com/pedigree/contract-tests';

function datasetRecord(spec: OpenLineageDatasetSpec): OpenLineageDatasetRecord {
  return {
    namespace: spec.namespace,
    name: spec.name,
    version: spec.version ?? null,
    facets: spec.facets ?? {},
    ioFacets: spec.ioFacets ?? {},
  };
}

/** The column lineage facet of `output` as an emitter sends it (raw event only). */
function columnLineageFacet(edges: readonly ColumnLineageEdge[], output: OpenLineageDatasetRecord): JsonObject | null {
  const mine = edges.filter((e) => e.to.namespace === output.namespace && e.to.name === output.name);
  if (mine.length === 0) return null;
  const fields: Record<string, { inputFields: JsonObject[] }> = {};
  for (const e of mine) {
    const f = (fields[e.to.field] ??= { inputFields: [] });
    f.inputFields.push({ namespace: e.from.namespace, name: e.from.name, field: e.from.field, transformations: [...e.transformations] });
  }
  return {
    _producer: TEST_OPENLINEAGE_PRODUCER,
    _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json',
    fields,
  };
}

/** A normalized record for `spec`, with `eventDigest` the canonical digest of its raw event. */
export function openLineageRecord(spec: OpenLineageRecordSpec): OpenLineageEventRecord {
  const kind = spec.kind ?? 'RunEvent';
  const producer = spec.producer ?? TEST_OPENLINEAGE_PRODUCER;
  const inputs = (spec.inputs ?? []).map(datasetRecord);
  const outputs = (spec.outputs ?? []).map(datasetRecord);
  const columnLineage = spec.columnLineage ?? [];
  const eventType = kind === 'RunEvent' ? (spec.eventType ?? 'START') : null;
  const runId = spec.runId?.toLowerCase();
  if (kind === 'RunEvent' && runId === undefined) throw new Error('openLineageRecord: a RunEvent needs a runId');
  if (kind !== 'DatasetEvent' && spec.job === undefined) throw new Error(`openLineageRecord: a ${kind} needs a job`);

  const rawDataset = (d: OpenLineageDatasetRecord, io: 'inputFacets' | 'outputFacets'): JsonObject => {
    const facets: Record<string, JsonObject> = { ...d.facets };
    if (d.version !== null) facets.version = { datasetVersion: d.version };
    const column = io === 'outputFacets' ? columnLineageFacet(columnLineage, d) : null;
    if (column) facets.columnLineage = column;
    return { namespace: d.namespace, name: d.name, facets, [io]: { ...d.ioFacets } };
  };
  const runFacets: Record<string, JsonObject> = { ...(spec.runFacets ?? {}) };
  if (spec.parent)
    runFacets.parent = { run: { runId: spec.parent.runId }, job: { namespace: spec.parent.job.namespace, name: spec.parent.job.name } };
  const event: Record<string, JsonObject | string | JsonObject[]> = {
    eventTime: spec.eventTime,
    producer,
    schemaURL: `https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/${kind}`,
  };
  if (eventType !== null) event.eventType = eventType;
  if (kind === 'RunEvent') event.run = { runId: runId!, facets: runFacets };
  if (spec.job) event.job = { namespace: spec.job.namespace, name: spec.job.name, facets: { ...(spec.job.facets ?? {}) } };
  if (kind === 'DatasetEvent') event.dataset = rawDataset(outputs[0] ?? inputs[0]!, 'outputFacets');
  else {
    event.inputs = inputs.map((d) => rawDataset(d, 'inputFacets'));
    event.outputs = outputs.map((d) => rawDataset(d, 'outputFacets'));
  }

  return {
    eventDigest: canonicalDigest(event),
    kind,
    eventType,
    eventTime: spec.eventTime,
    producer,
    job: spec.job && kind !== 'DatasetEvent' ? { namespace: spec.job.namespace, name: spec.job.name, facets: spec.job.facets ?? {} } : null,
    run: kind === 'RunEvent' ? { runId: runId!, facets: spec.runFacets ?? {} } : null,
    parent: kind === 'RunEvent' && spec.parent ? { runId: spec.parent.runId.toLowerCase(), job: spec.parent.job } : null,
    inputs,
    outputs,
    columnLineage,
    event,
    receivedAt: spec.receivedAt ?? '2031-06-01T00:00:00.000Z',
  };
}
