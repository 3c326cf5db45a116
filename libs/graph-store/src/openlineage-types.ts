import type {
  ArtifactId,
  ColumnLineageEdge,
  Digest,
  IsoTimestamp,
  JsonObject,
  OpenLineageDatasetRef,
  OpenLineageEventKind,
  OpenLineageJobRef,
  OpenLineageRunState,
  OpenLineageStoredEvent,
} from '@pedigree/domain';
import type { PageRequest } from './types.ts';

/**
 * A facet as one event sent it. For each (owner, facet name) the store keeps the value of the
 * latest event by (eventTime, eventDigest), so the result never depends on arrival order.
 */
export type OpenLineageFacets = Readonly<Record<string, JsonObject>>;

/** One input or output dataset of an event. */
export interface OpenLineageDatasetRecord extends OpenLineageDatasetRef {
  /**
   * The version this event refers to: the dataset version facet's `datasetVersion`, else a digest of
   * the schema facet's fields, else null (the dataset's unversioned node). Each distinct version is
   * one DataSet artifact at `openLineageDatasetUri(namespace, name)` whose digest is
   * `openLineageDatasetDigest(namespace, name, version)`.
   */
  readonly version: string | null;
  /** Dataset facets (`facets`), kept on the version's artifact. */
  readonly facets: OpenLineageFacets;
  /** `inputFacets` / `outputFacets`, kept on the CONSUMED_BY / PRODUCED edge's run side (per run and dataset). */
  readonly ioFacets: OpenLineageFacets;
}

/**
 * An OpenLineage event normalized for the store (`@pedigree/openlineage` builds it from the JSON
 * an emitter sent). Applying it is atomic and idempotent, and applying a set of records in any
 * order gives the same graph:
 * - the raw event is appended to the run's event log once per `eventDigest`;
 * - a RunEvent upserts the run node (`openLineageRunNodeId(runId)`), its job Context
 *   (`openLineageJobContextId`) with an ASSOCIATED_WITH edge, PART_OF to the parent run (created as a
 *   placeholder when unknown), each input version artifact -CONSUMED_BY-> run and run -PRODUCED->
 *   each output version artifact;
 * - column lineage adds one field-level edge per (input field, output field) and a dataset-level
 *   DERIVED_FROM edge from the input's version artifact (the one listed among this event's inputs,
 *   else the unversioned node) to the output's version artifact;
 * - a DatasetEvent upserts its dataset; a JobEvent upserts its job and its datasets, with DERIVED_FROM
 *   from every input to every output when it has both.
 * A job's Context has type OpenLineageJob, name `canonicalJson([namespace, name])` (so its id is
 * `contextIdFor` of its type and name, like every Context), properties `{ openlineage: { namespace,
 * name } }` and createdAt the earliest eventTime naming the job. A run's job is the one its own
 * events name; a child's parent facet names it only until then (rank: own events, then eventTime,
 * then eventDigest), and the run keeps one ASSOCIATED_WITH edge, to that job.
 * Rejected records (nothing stored): VALIDATION_FAILED with the field path, for the shape checks of
 * `openLineageRecordIssues` and for a facet, transformation list or event that is not JSON.
 * A version's artifact: type DataSet, name = the dataset name, size 0 (OpenLineage does not give
 * bytes), properties `{ openlineage: { namespace, name, version } }`; its facets are read with
 * `findOpenLineageDataset`. Artifact `createdAt` of a version is the earliest eventTime that mentioned it; `previousVersionId`
 * links versions of one dataset in (createdAt, digest) order.
 */
export interface OpenLineageEventRecord {
  /** sha256 of the canonical JSON of the event as received. */
  readonly eventDigest: Digest;
  readonly kind: OpenLineageEventKind;
  /** RunEvent's eventType (OTHER when absent); null for DatasetEvent and JobEvent. */
  readonly eventType: OpenLineageRunState | null;
  /** Normalized to UTC with milliseconds (`2024-01-01T00:00:00.000Z`). */
  readonly eventTime: IsoTimestamp;
  readonly producer: string;
  /** The job (RunEvent, JobEvent); null for DatasetEvent. */
  readonly job: (OpenLineageJobRef & { readonly facets: OpenLineageFacets }) | null;
  /** The run (RunEvent only); `runId` is a UUID, lower-cased. */
  readonly run: { readonly runId: string; readonly facets: OpenLineageFacets } | null;
  /** From the `parent` run facet. */
  readonly parent: { readonly runId: string; readonly job: OpenLineageJobRef } | null;
  readonly inputs: readonly OpenLineageDatasetRecord[];
  readonly outputs: readonly OpenLineageDatasetRecord[];
  /** Field-level edges from every output's column lineage facet. */
  readonly columnLineage: readonly ColumnLineageEdge[];
  /** The event exactly as received (stored verbatim in the log). */
  readonly event: JsonObject;
  /** When it arrived; kept in the log only, never part of the graph state. */
  readonly receivedAt: IsoTimestamp;
}

export interface OpenLineageIngestResult {
  /** False when an event with the same digest was already stored: nothing changed. */
  readonly applied: boolean;
  /** The run's lineage node id; null for DatasetEvent and JobEvent. */
  readonly runNodeId: string | null;
  /** Artifact ids of the dataset versions the event names, inputs first, in event order. */
  readonly datasetArtifactIds: readonly ArtifactId[];
}

export interface ListOpenLineageRunsQuery extends PageRequest {
  readonly jobNamespace?: string;
  readonly jobName?: string;
  /** Only runs whose parent is this runId. */
  readonly parentRunId?: string;
}

export interface ListOpenLineageEventsQuery extends PageRequest {
  readonly runId: string;
}

export interface ColumnLineageQuery {
  readonly namespace: string;
  readonly name: string;
  /** Only edges that touch this field. */
  readonly field?: string;
  /** UPSTREAM: edges into the dataset (where its fields come from); DOWNSTREAM: edges out of it; BOTH (default). */
  readonly direction?: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
}

export type { ColumnLineageEdge, OpenLineageStoredEvent };

/** When two events disagree, the later one by (eventTime, eventDigest) wins: a total order. */
export function isLaterOpenLineageEvent(
  a: { eventTime: string; eventDigest: string },
  b: { eventTime: string; eventDigest: string },
): boolean {
  return a.eventTime === b.eventTime ? a.eventDigest > b.eventDigest : a.eventTime > b.eventTime;
}
