/**
 * What one OpenLineage event record writes, computed before any statement runs: node ids, the rows
 * of each batched statement and the ranks that make the merge order-independent. Pure, so the
 * mapping rules of `OpenLineageEventRecord` are unit-tested without a driver; the adapter only
 * sends these rows (see `recordOpenLineageEvent` in neo4j-graph-store.ts).
 *
 * Ranks are texts compared as strings (`eventTime` is fixed-width UTC with milliseconds, digests are
 * fixed-width hex), so a statement replaces a value only when the new event ranks higher, whatever
 * order the events arrive in:
 * - state: `<1 if terminal else 0>|<eventTime>|<eventDigest>` (a terminal state wins, then the latest);
 * - job: `<1 for the run's own event, 0 for a parent facet naming it>|<eventTime>|<eventDigest>`;
 * - parent: `<eventTime>|<eventDigest>` of the events that carry a parent facet.
 */
import {
  TERMINAL_OPENLINEAGE_STATES,
  artifactIdFor,
  canonicalJson,
  openLineageDatasetDigest,
  openLineageDatasetUri,
  openLineageJobContextId,
  openLineageRunNodeId,
  type ArtifactId,
  type ContextId,
  type JsonObject,
  type OpenLineageJobRef,
  type OpenLineageRunState,
} from '@pedigree/domain';
import {
  openLineageJsonText,
  type OpenLineageDatasetRecord,
  type OpenLineageEventRecord,
  type OpenLineageFacets,
} from '@pedigree/graph-store';
import { toSearchText } from './artifact-search.ts';

/** A run node and the job an event names for it (merge-openlineage-run.cypher). */
export interface RunJobRow {
  readonly id: string;
  readonly runId: string;
  readonly jobContextId: ContextId;
  readonly jobNamespace: string;
  readonly jobName: string;
  readonly jobRank: string;
}

/** A RunEvent's effect on its run (apply-openlineage-run-event.cypher). */
export interface RunEventRow {
  readonly id: string;
  readonly state: OpenLineageRunState;
  readonly stateRank: string;
  /** The event's time when its state is terminal (it becomes endedAt if the state wins), else null. */
  readonly endedAt: string | null;
  readonly parentId: string | null;
  readonly parentRunId: string | null;
  readonly parentRank: string | null;
}

export interface JobRow {
  readonly id: ContextId;
  readonly name: string;
  readonly properties: string;
}

export interface DatasetRow {
  readonly uri: string;
  readonly namespace: string;
  readonly name: string;
}

export interface VersionRow {
  readonly id: ArtifactId;
  readonly uri: string;
  readonly digest: string;
  readonly name: string;
  readonly properties: string;
  readonly searchText: string;
}

export interface FacetRow {
  readonly ownerId: string;
  readonly name: string;
  /** The facet as JSON text. */
  readonly value: string;
}

export interface ColumnLineageRow {
  readonly fromUri: string;
  readonly fromNamespace: string;
  readonly fromName: string;
  readonly fromField: string;
  readonly toUri: string;
  readonly toNamespace: string;
  readonly toName: string;
  readonly toField: string;
  /** JSON text of the transformations list. */
  readonly transformations: string;
}

export interface OpenLineageWritePlan {
  /** The raw event as JSON text (the log keeps it verbatim). */
  readonly eventText: string;
  readonly runNodeId: string | null;
  /** Inputs first, in event order (as the port returns them). */
  readonly datasetArtifactIds: readonly ArtifactId[];
  /** The run of a RunEvent and, when its parent facet names one, the parent (a placeholder until its own events come). */
  readonly runJobs: readonly RunJobRow[];
  readonly runEvent: RunEventRow | null;
  /** Job Contexts to upsert: the event's job and the parent facet's job. */
  readonly jobs: readonly JobRow[];
  /** Sorted by URI, so concurrent writers take the dataset locks in one order. */
  readonly datasets: readonly DatasetRow[];
  readonly versions: readonly VersionRow[];
  readonly consumed: readonly ArtifactId[];
  readonly produced: readonly ArtifactId[];
  readonly derived: readonly { readonly from: ArtifactId; readonly to: ArtifactId; readonly name: null }[];
  readonly facets: readonly FacetRow[];
  readonly columnLineage: readonly ColumnLineageRow[];
}

const rank = (...parts: string[]): string => parts.join('|');

/** The owner id of the input or output facets a run reported for one dataset version. */
export const ioFacetOwnerId = (runNodeId: string, direction: 'input' | 'output', artifactId: string): string =>
  `${runNodeId}|${direction}|${artifactId}`;

/** A job's Context: named like the id is derived (`contextIdFor('OpenLineageJob', canonicalJson([namespace, name]))`). */
export function jobRow(job: OpenLineageJobRef): JobRow {
  return {
    id: openLineageJobContextId(job.namespace, job.name),
    name: canonicalJson([job.namespace, job.name]),
    properties: JSON.stringify({ openlineage: { namespace: job.namespace, name: job.name } }),
  };
}

function versionOf(namespace: string, name: string, version: string | null): VersionRow {
  const uri = openLineageDatasetUri(namespace, name);
  const digest = openLineageDatasetDigest(namespace, name, version);
  const properties: JsonObject = { openlineage: { namespace, name, version } };
  return {
    id: artifactIdFor(uri, digest),
    uri,
    digest,
    name,
    properties: JSON.stringify(properties),
    searchText: toSearchText(properties),
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Rows that take write locks go in one global order (facets by owner and name, column lineage by
 * its pair), so two events touching the same nodes do not deadlock on opposite orders.
 */
const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

function facetRows(ownerId: string, facets: OpenLineageFacets, path: string): FacetRow[] {
  return Object.entries(facets).map(([name, value]) => ({ ownerId, name, value: openLineageJsonText(value, `${path}.${name}`) }));
}

/** The write plan of a record that passed `openLineageRecordIssues`. */
export function planOpenLineageEvent(record: OpenLineageEventRecord): OpenLineageWritePlan {
  const { eventTime, eventDigest } = record;
  const runNodeId = record.run === null ? null : openLineageRunNodeId(record.run.runId);
  const runId = record.run === null ? null : record.run.runId.toLowerCase();

  const inputVersions = record.inputs.map((d) => versionOf(d.namespace, d.name, d.version));
  const outputVersions = record.outputs.map((d) => versionOf(d.namespace, d.name, d.version));
  // Column lineage names a dataset by (namespace, name): the version this event lists for it on
  // the same side, else the dataset's unversioned node.
  const versionOnSide = (side: readonly OpenLineageDatasetRecord[], versions: readonly VersionRow[], namespace: string, name: string) => {
    const i = side.findIndex((d) => d.namespace === namespace && d.name === name);
    return i >= 0 ? versions[i]! : versionOf(namespace, name, null);
  };
  const lineagePairs = record.columnLineage.map((edge) => ({
    edge,
    from: versionOnSide(record.inputs, inputVersions, edge.from.namespace, edge.from.name),
    to: versionOnSide(record.outputs, outputVersions, edge.to.namespace, edge.to.name),
  }));

  const allVersions = uniqueBy([...inputVersions, ...outputVersions, ...lineagePairs.flatMap((p) => [p.from, p.to])], (v) => v.id);
  const datasetRefs = [...record.inputs, ...record.outputs, ...record.columnLineage.flatMap((e) => [e.from, e.to])].map((d) => ({
    uri: openLineageDatasetUri(d.namespace, d.name),
    namespace: d.namespace,
    name: d.name,
  }));
  const datasets = uniqueBy(datasetRefs, (d) => d.uri).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));

  // Column lineage links the versions it names; a JobEvent also derives every output from every input.
  const derivedPairs = [
    ...lineagePairs.map(({ from, to }) => ({ from, to })),
    ...(record.kind === 'JobEvent' ? inputVersions.flatMap((from) => outputVersions.map((to) => ({ from, to }))) : []),
  ];
  const derived = uniqueBy(
    derivedPairs.filter(({ from, to }) => from.id !== to.id),
    ({ from, to }) => `${from.id} ${to.id}`,
  ).map(({ from, to }) => ({ from: from.id, to: to.id, name: null }));

  const state = record.eventType ?? 'OTHER';
  const terminal = TERMINAL_OPENLINEAGE_STATES.has(state);
  const parentRunId = record.parent === null ? null : record.parent.runId.toLowerCase();
  const runJobs: RunJobRow[] = [];
  let runEvent: RunEventRow | null = null;
  if (runNodeId !== null && runId !== null && record.job !== null) {
    const job = { namespace: record.job.namespace, name: record.job.name };
    runJobs.push({
      id: runNodeId,
      runId,
      jobContextId: openLineageJobContextId(job.namespace, job.name),
      jobNamespace: job.namespace,
      jobName: job.name,
      jobRank: rank('1', eventTime, eventDigest),
    });
    if (record.parent !== null && parentRunId !== null) {
      runJobs.push({
        id: openLineageRunNodeId(parentRunId),
        runId: parentRunId,
        jobContextId: openLineageJobContextId(record.parent.job.namespace, record.parent.job.name),
        jobNamespace: record.parent.job.namespace,
        jobName: record.parent.job.name,
        jobRank: rank('0', eventTime, eventDigest),
      });
    }
    runEvent = {
      id: runNodeId,
      state,
      stateRank: rank(terminal ? '1' : '0', eventTime, eventDigest),
      endedAt: terminal ? eventTime : null,
      parentId: parentRunId === null ? null : openLineageRunNodeId(parentRunId),
      parentRunId,
      parentRank: parentRunId === null ? null : rank(eventTime, eventDigest),
    };
  }

  const jobs = uniqueBy(
    [record.job, runEvent !== null && record.parent !== null ? record.parent.job : null]
      .filter((j): j is NonNullable<typeof j> => j !== null)
      .map((j) => jobRow({ namespace: j.namespace, name: j.name })),
    (j) => j.id,
  ).sort(byKey((j) => j.id));

  const facets = uniqueBy(
    [
      ...(runNodeId === null || record.run === null ? [] : facetRows(runNodeId, record.run.facets, 'run.facets')),
      ...(record.job === null
        ? []
        : facetRows(openLineageJobContextId(record.job.namespace, record.job.name), record.job.facets, 'job.facets')),
      ...record.inputs.flatMap((d, i) => facetRows(inputVersions[i]!.id, d.facets, `inputs[${i}].facets`)),
      ...record.outputs.flatMap((d, i) => facetRows(outputVersions[i]!.id, d.facets, `outputs[${i}].facets`)),
      ...(runNodeId === null
        ? []
        : [
            ...record.inputs.flatMap((d, i) =>
              facetRows(ioFacetOwnerId(runNodeId, 'input', inputVersions[i]!.id), d.ioFacets, `inputs[${i}].ioFacets`),
            ),
            ...record.outputs.flatMap((d, i) =>
              facetRows(ioFacetOwnerId(runNodeId, 'output', outputVersions[i]!.id), d.ioFacets, `outputs[${i}].ioFacets`),
            ),
          ]),
    ],
    // A dataset listed twice in one event: its first listing's facets count (inputs first).
    (f) => `${f.ownerId}\u0000${f.name}`,
  ).sort(byKey((f) => `${f.ownerId}\u0000${f.name}`));

  const columnLineage = uniqueBy(
    record.columnLineage.map((e, i): ColumnLineageRow => ({
      fromUri: openLineageDatasetUri(e.from.namespace, e.from.name),
      fromNamespace: e.from.namespace,
      fromName: e.from.name,
      fromField: e.from.field,
      toUri: openLineageDatasetUri(e.to.namespace, e.to.name),
      toNamespace: e.to.namespace,
      toName: e.to.name,
      toField: e.to.field,
      transformations: openLineageJsonText(e.transformations, `columnLineage[${i}].transformations`),
    })),
    (r) => JSON.stringify([r.fromUri, r.fromField, r.toUri, r.toField]),
  ).sort(byKey((r) => JSON.stringify([r.fromUri, r.fromField, r.toUri, r.toField])));

  return {
    eventText: openLineageJsonText(record.event, 'event'),
    runNodeId,
    datasetArtifactIds: [...inputVersions, ...outputVersions].map((v) => v.id),
    runJobs,
    runEvent,
    jobs,
    datasets,
    versions: allVersions,
    consumed: runEvent === null ? [] : uniqueBy(inputVersions, (v) => v.id).map((v) => v.id),
    produced: runEvent === null ? [] : uniqueBy(outputVersions, (v) => v.id).map((v) => v.id),
    derived,
    facets,
    columnLineage,
  };
}
