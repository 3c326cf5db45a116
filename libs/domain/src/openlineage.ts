import { canonicalDigest, canonicalJson } from './canonical-json.ts';
import type { ArtifactId, ContextId, Digest } from './ids.ts';
import { ID_PREFIX, contextIdFor } from './ids.ts';
import type { ExecutionStatus } from './status.ts';
import type { IsoTimestamp, JsonObject, JsonValue } from './entities.ts';

/**
 * OpenLineage identities mapped onto the graph (DESIGN.md section 3):
 * - a job `(namespace, name)` is a Context of type OpenLineageJob;
 * - a run is an `OpenLineageRun` node keyed by its `runId` (PART_OF its parent run, ASSOCIATED_WITH its job);
 * - a dataset `(namespace, name)` is a DataSet artifact at `openlineage://<namespace>/<name>`; each
 *   version the producer names (dataset version facet, else the schema facet) is one artifact.
 */

export const OPENLINEAGE_URI_SCHEME = 'openlineage://';

export const OPENLINEAGE_RUN_STATES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] as const;
export type OpenLineageRunState = (typeof OPENLINEAGE_RUN_STATES)[number];
export const TERMINAL_OPENLINEAGE_STATES: ReadonlySet<OpenLineageRunState> = new Set(['COMPLETE', 'ABORT', 'FAIL']);

export const OPENLINEAGE_EVENT_KINDS = ['RunEvent', 'DatasetEvent', 'JobEvent'] as const;
export type OpenLineageEventKind = (typeof OPENLINEAGE_EVENT_KINDS)[number];

export interface OpenLineageJobRef {
  readonly namespace: string;
  readonly name: string;
}

export interface OpenLineageDatasetRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The dataset's URI: the namespace is percent-encoded (namespaces such as `s3://bucket` or
 * `postgres://host:5432` hold slashes and colons), the name is kept as is. A namespace without
 * reserved characters reads naturally: `openlineage://food_delivery/public.orders`.
 */
export function openLineageDatasetUri(namespace: string, name: string): string {
  return `${OPENLINEAGE_URI_SCHEME}${encodeURIComponent(namespace)}/${name}`;
}

/** The inverse of `openLineageDatasetUri`; null when the text is not such a URI. */
export function parseOpenLineageDatasetUri(uri: string): OpenLineageDatasetRef | null {
  if (!uri.startsWith(OPENLINEAGE_URI_SCHEME)) return null;
  const rest = uri.slice(OPENLINEAGE_URI_SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  let namespace: string;
  try {
    namespace = decodeURIComponent(rest.slice(0, slash));
  } catch {
    return null;
  }
  return { namespace, name: rest.slice(slash + 1) };
}

/**
 * The digest of a dataset version's artifact. OpenLineage says nothing of a dataset's bytes, so
 * the version's identity stands in for its content: a new version reported by the producer is a new
 * digest (and a cache miss for the steps that consume it).
 */
export const openLineageDatasetDigest = (namespace: string, name: string, version: string | null): Digest =>
  canonicalDigest({ kind: 'openlineage-dataset', namespace, name, version });

/** The lineage node id of a run: readable, and the same for every event of the run. */
export const openLineageRunNodeId = (runId: string): string => `${ID_PREFIX.openLineageRun}${runId.toLowerCase()}`;

/** The Context id of a job. The name part is canonical JSON so `a/b`+`c` and `a`+`b/c` never collide. */
export const openLineageJobContextId = (namespace: string, name: string): ContextId =>
  contextIdFor('OpenLineageJob', canonicalJson([namespace, name]));

/** How the run's state reads as one of our execution statuses (for lineage nodes and the UI). */
export function executionStatusOfOpenLineageState(state: OpenLineageRunState | null): ExecutionStatus | null {
  switch (state) {
    case 'COMPLETE':
      return 'Succeeded';
    case 'FAIL':
      return 'Failed';
    case 'ABORT':
      return 'Stopped';
    case 'START':
    case 'RUNNING':
    case 'OTHER':
      return 'Executing';
    default:
      return null;
  }
}

/** The input or output facets a run reported for one dataset version it read or wrote. */
export interface OpenLineageRunDatasetFacets {
  readonly direction: 'INPUT' | 'OUTPUT';
  /** The dataset version's artifact. */
  readonly artifactId: ArtifactId;
  /** By name, the value from the run's latest event (by eventTime, then event digest) naming it, as sent. */
  readonly facets: JsonObject;
}

/** A run of an external job, as the events received so far describe it. */
export interface OpenLineageRun {
  /** Lineage node id (`olr_<runId>`). */
  readonly id: string;
  readonly runId: string;
  /** Null when the run is only known as another run's parent and the parent facet named no job. */
  readonly job: OpenLineageJobRef | null;
  /**
   * The state after every event received: a terminal state (COMPLETE, FAIL, ABORT) wins over
   * START/RUNNING/OTHER whatever the arrival order; otherwise the latest by eventTime. Null for a
   * run only known as a parent.
   */
  readonly state: OpenLineageRunState | null;
  /** Earliest eventTime seen for the run. */
  readonly startedAt: IsoTimestamp | null;
  /** eventTime of the terminal event. */
  readonly endedAt: IsoTimestamp | null;
  readonly parentRunId: string | null;
  /** Run facets by name; for each name the value from the latest event (by eventTime, then event digest). */
  readonly facets: JsonObject;
  /**
   * The facets of the run's job (`sql`, `jobType`, `sourceCodeLocation`...) by name, as sent: for each
   * name the value from the latest event naming the job (by eventTime, then event digest), over all
   * its runs. Empty when the run has no job, or its job is only known from a parent facet.
   */
  readonly jobFacets: JsonObject;
  /**
   * The input and output facets (`inputFacets` / `outputFacets`: row counts, data quality metrics...)
   * the run reported per dataset version, inputs first, then by artifact id; only versions with facets.
   */
  readonly datasetFacets: readonly OpenLineageRunDatasetFacets[];
  /** Producers seen, sorted. */
  readonly producers: readonly string[];
  readonly eventCount: number;
}

/** A raw event as received, kept append-only (a re-sent identical event is stored once). */
export interface OpenLineageStoredEvent {
  /** sha256 of the event's canonical JSON. */
  readonly eventDigest: Digest;
  readonly kind: OpenLineageEventKind;
  readonly eventType: OpenLineageRunState | null;
  readonly eventTime: IsoTimestamp;
  readonly producer: string;
  readonly runId: string | null;
  readonly receivedAt: IsoTimestamp;
  readonly event: JsonObject;
}

/** One field-level lineage edge from a column lineage facet: `from` flows into `to`. */
export interface ColumnLineageEdge {
  readonly from: OpenLineageDatasetRef & { readonly field: string };
  readonly to: OpenLineageDatasetRef & { readonly field: string };
  /** The transformations the facet lists for this input field (as sent); may be empty. */
  readonly transformations: readonly JsonValue[];
}

/** A dataset with its versions (artifacts, newest first) and current facets. */
export interface OpenLineageDataset {
  readonly namespace: string;
  readonly name: string;
  readonly uri: string;
  readonly versionArtifactIds: readonly ArtifactId[];
  /** Dataset facets by name, merged over all versions with the same latest-wins rule. */
  readonly facets: JsonObject;
}
