import {
  openLineageRunNodeId,
  type Artifact,
  type ArtifactId,
  type ColumnLineageEdge,
  type OpenLineageDataset,
  type OpenLineageRun,
  type OpenLineageStoredEvent,
} from '@pedigree/domain';
import type { ColumnLineageQuery, GraphStore, ListOpenLineageRunsQuery, Page } from '@pedigree/graph-store';
import {
  createOpenLineageStats,
  ingestOpenLineage,
  compileOpenLineageFacetSchemas,
  preloadOpenLineageSchemas,
  type OpenLineageIngestReport,
  type OpenLineageStats,
} from '@pedigree/openlineage';
import { toPageRequest, type PageArgs } from '../../pagination.ts';

export interface OpenLineageRunFilterArgs {
  readonly jobNamespace?: string | null;
  readonly jobName?: string | null;
  readonly parentRunId?: string | null;
}

/** OpenLineage ingestion (for `POST /api/v1/lineage`) and the reads behind the GraphQL fields. */
export interface OpenLineageService {
  /** Per-producer counters since the server started. */
  readonly stats: OpenLineageStats;
  /** One event (an object), a batch (an array) or NDJSON text (a string). */
  ingest(payload: unknown): Promise<OpenLineageIngestReport>;
  /** Compiles the facet schemas in the background (started once the server listens); resolves to how many. */
  compileFacetSchemas(): Promise<number>;
  findRun(runId: string): Promise<OpenLineageRun | null>;
  listRuns(filter: OpenLineageRunFilterArgs, page: PageArgs): Promise<Page<OpenLineageRun>>;
  listEvents(runId: string, page: PageArgs): Promise<Page<OpenLineageStoredEvent>>;
  findDataset(namespace: string, name: string): Promise<OpenLineageDataset | null>;
  columnLineage(query: ColumnLineageQuery): Promise<readonly ColumnLineageEdge[]>;
  /** The dataset versions a run read (UPSTREAM: CONSUMED_BY edges) or wrote (DOWNSTREAM: PRODUCED edges). */
  runArtifacts(runId: string, direction: 'UPSTREAM' | 'DOWNSTREAM'): Promise<readonly Artifact[]>;
}

/** Most dataset versions listed as one run's inputs or outputs. */
const RUN_ARTIFACT_LIMIT = 1000;

export function createOpenLineageService(store: GraphStore): OpenLineageService {
  // The core schemas compile when the server starts, the facet schemas right after it listens
  // (compileFacetSchemas), not on the first event a producer sends.
  preloadOpenLineageSchemas();
  const stats = createOpenLineageStats();
  return {
    stats,
    ingest: (payload) => ingestOpenLineage(store, payload, { stats }),
    compileFacetSchemas: compileOpenLineageFacetSchemas,
    findRun: (runId) => store.findOpenLineageRun(runId),
    listRuns: (filter, page) => {
      const query: ListOpenLineageRunsQuery = {
        ...toPageRequest(page),
        ...(filter.jobNamespace ? { jobNamespace: filter.jobNamespace } : {}),
        ...(filter.jobName ? { jobName: filter.jobName } : {}),
        ...(filter.parentRunId ? { parentRunId: filter.parentRunId.toLowerCase() } : {}),
      };
      return store.listOpenLineageRuns(query);
    },
    listEvents: (runId, page) => store.listOpenLineageEvents({ ...toPageRequest(page), runId: runId.toLowerCase() }),
    findDataset: (namespace, name) => store.findOpenLineageDataset(namespace, name),
    columnLineage: (query) => store.listColumnLineage(query),
    async runArtifacts(runId, direction) {
      const result = await store.traverse({
        startIds: [openLineageRunNodeId(runId)],
        direction,
        maxDepth: 1,
        edgeTypes: [direction === 'UPSTREAM' ? 'CONSUMED_BY' : 'PRODUCED'],
        nodeTypes: ['Artifact'],
        nodeLimit: RUN_ARTIFACT_LIMIT,
      });
      const ids = result.nodes.filter((n) => n.type === 'Artifact').map((n) => n.id as ArtifactId);
      const artifacts = await store.getArtifacts(ids);
      return artifacts
        .filter((a): a is Artifact => a !== null)
        .sort((a, b) => (a.uri === b.uri ? (a.id < b.id ? -1 : 1) : a.uri < b.uri ? -1 : 1));
    },
  };
}
