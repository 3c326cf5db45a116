import type {
  Artifact,
  ArtifactId,
  ExecutionId,
  ModelPackage,
  Pipeline,
  PipelineVersion,
  PipelineVersionId,
  StepExecution,
  StepExecutionId,
} from '@pedigree/domain';
import { TRAVERSE_NODE_LIMIT_CAP, type GraphStore, type StepArtifactLink } from '@pedigree/graph-store';
import DataLoader from 'dataloader';

/** Where a step execution, execution or pipeline version of a lineage result belongs. */
export interface LineageNodeContext {
  /** The execution of a step execution; null for other nodes. */
  readonly executionId: ExecutionId | null;
  readonly pipelineName: string | null;
  readonly version: number | null;
}

export interface StepArtifacts {
  readonly inputs: readonly StepArtifactLink[];
  readonly outputs: readonly StepArtifactLink[];
}

/**
 * Request-scoped batching loaders: one store call per kind of thing per tick of the resolver tree,
 * instead of one per row. Created anew for every request so that nothing is cached across callers.
 */
export interface Loaders {
  readonly stepsByExecution: DataLoader<ExecutionId, readonly StepExecution[]>;
  readonly stepArtifacts: DataLoader<StepExecutionId, StepArtifacts>;
  readonly artifact: DataLoader<ArtifactId, Artifact | null>;
  readonly producer: DataLoader<ArtifactId, StepExecution | null>;
  readonly modelPackagesByArtifact: DataLoader<ArtifactId, readonly ModelPackage[]>;
  readonly stepExecution: DataLoader<StepExecutionId, StepExecution | null>;
  readonly pipelineVersion: DataLoader<PipelineVersionId, PipelineVersion | null>;
  readonly pipeline: DataLoader<string, Pipeline | null>;
  /** Keyed by the id of a StepExecution, PipelineExecution or PipelineVersion lineage node. */
  readonly lineageContext: DataLoader<string, LineageNodeContext>;
}

// Loaders cap their batches so that one request cannot send an unbounded IN (...) list to the store.
const MAX_BATCH = 500;

/**
 * Request-scoped loaders, each built on first use: a request that touches none of them (a lineage
 * query) pays for none (the hot path of the lineage benchmark builds no DataLoader at all).
 */
export function createLoaders(store: GraphStore): Loaders {
  return new RequestLoaders(store);
}

class RequestLoaders implements Loaders {
  readonly #store: GraphStore;
  #stepsByExecution?: Loaders['stepsByExecution'];
  #stepArtifacts?: Loaders['stepArtifacts'];
  #artifact?: Loaders['artifact'];
  #producer?: Loaders['producer'];
  #modelPackagesByArtifact?: Loaders['modelPackagesByArtifact'];
  #stepExecution?: Loaders['stepExecution'];
  #pipelineVersion?: Loaders['pipelineVersion'];
  #pipeline?: Loaders['pipeline'];
  #lineageContext?: Loaders['lineageContext'];

  constructor(store: GraphStore) {
    this.#store = store;
  }

  get stepsByExecution(): Loaders['stepsByExecution'] {
    const store = this.#store;
    return (this.#stepsByExecution ??= new DataLoader(
      async (ids) => {
        const map = await store.listStepExecutionsByExecution(ids);
        return ids.map((id) => map.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ));
  }

  get stepArtifacts(): Loaders['stepArtifacts'] {
    const store = this.#store;
    return (this.#stepArtifacts ??= new DataLoader(
      async (ids) => {
        const links = await store.listStepArtifacts(ids);
        const byStep = new Map<string, { inputs: StepArtifactLink[]; outputs: StepArtifactLink[] }>();
        for (const id of ids) byStep.set(id, { inputs: [], outputs: [] });
        for (const link of links) {
          const entry = byStep.get(link.stepExecutionId);
          if (!entry) continue;
          (link.direction === 'input' ? entry.inputs : entry.outputs).push(link);
        }
        return ids.map((id) => byStep.get(id)!);
      },
      { maxBatchSize: MAX_BATCH },
    ));
  }

  get artifact(): Loaders['artifact'] {
    const store = this.#store;
    return (this.#artifact ??= new DataLoader(async (ids) => store.getArtifacts(ids), { maxBatchSize: MAX_BATCH }));
  }

  get producer(): Loaders['producer'] {
    const store = this.#store;
    return (this.#producer ??= new DataLoader(async (ids) => store.getArtifactProducers(ids), { maxBatchSize: MAX_BATCH }));
  }

  get modelPackagesByArtifact(): Loaders['modelPackagesByArtifact'] {
    const store = this.#store;
    return (this.#modelPackagesByArtifact ??= new DataLoader(
      async (ids) => {
        const map = await store.listModelPackagesByArtifact(ids);
        return ids.map((id) => map.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ));
  }

  // The port has no batch read for these three; the loader still removes duplicates within a
  // request (fifty executions of one version cost one read).
  get stepExecution(): Loaders['stepExecution'] {
    const store = this.#store;
    return (this.#stepExecution ??= new DataLoader(async (ids) => Promise.all(ids.map((id) => orNull(store.getStepExecution(id))))));
  }

  get pipelineVersion(): Loaders['pipelineVersion'] {
    const store = this.#store;
    return (this.#pipelineVersion ??= new DataLoader(async (ids) => Promise.all(ids.map((id) => orNull(store.getPipelineVersion(id))))));
  }

  get pipeline(): Loaders['pipeline'] {
    const store = this.#store;
    return (this.#pipeline ??= new DataLoader(async (names) => Promise.all(names.map((name) => store.findPipeline(name)))));
  }

  get lineageContext(): Loaders['lineageContext'] {
    const store = this.#store;
    return (this.#lineageContext ??= new DataLoader((ids) => loadLineageContexts(store, ids), { maxBatchSize: LINEAGE_CONTEXT_BATCH }));
  }
}

// Each start node reaches at most three more along PART_OF -> RUN_OF -> VERSION_OF, so a batch of
// this size stays far inside the traversal's node cap and is never truncated.
const LINEAGE_CONTEXT_BATCH = 1000;
const CONTEXT_EDGES = ['PART_OF', 'RUN_OF', 'VERSION_OF'] as const;
// Versions are read newest first, one page per pipeline; older ones one by one (rare: a lineage
// result that reaches more than this many versions back).
const VERSION_PAGE = 200;

/**
 * Execution, pipeline name and version number for a batch of lineage nodes, in a bounded number
 * of store calls whatever the batch size: one traversal along PART_OF, RUN_OF and VERSION_OF from
 * every node at once, then one page of versions per distinct pipeline.
 */
async function loadLineageContexts(store: GraphStore, ids: readonly string[]): Promise<LineageNodeContext[]> {
  const graph = await store.traverse({
    startIds: ids,
    direction: 'DOWNSTREAM',
    edgeTypes: CONTEXT_EDGES,
    maxDepth: CONTEXT_EDGES.length,
    nodeLimit: TRAVERSE_NODE_LIMIT_CAP,
  });
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const target = new Map<string, string>();
  for (const edge of graph.edges) target.set(`${edge.type}:${edge.from}`, edge.to);
  const versionIdOf = (id: string): string | null => {
    const node = nodes.get(id);
    if (node?.type === 'PipelineVersion') return id;
    if (node?.type === 'PipelineExecution') return target.get(`RUN_OF:${id}`) ?? null;
    if (node?.type === 'StepExecution') {
      const execution = target.get(`PART_OF:${id}`);
      return execution ? versionIdOf(execution) : null;
    }
    return null;
  };
  const pipelineOf = (versionId: string): string | null => {
    const pipeline = target.get(`VERSION_OF:${versionId}`);
    return pipeline ? (nodes.get(pipeline)?.label ?? null) : null;
  };

  const wanted = new Map<string, Set<string>>(); // pipeline name -> version ids
  for (const id of ids) {
    const versionId = versionIdOf(id);
    const pipeline = versionId ? pipelineOf(versionId) : null;
    if (versionId && pipeline) {
      let set = wanted.get(pipeline);
      if (!set) wanted.set(pipeline, (set = new Set()));
      set.add(versionId);
    }
  }
  const versions = new Map<string, number>();
  await Promise.all(
    [...wanted].map(async ([pipeline, versionIds]) => {
      const page = await store.listPipelineVersions(pipeline, { first: VERSION_PAGE });
      for (const v of page.items) versions.set(v.id, v.version);
      const older = [...versionIds].filter((id) => !versions.has(id));
      const rest = await Promise.all(older.map((id) => orNull(store.getPipelineVersion(id as PipelineVersionId))));
      for (const v of rest) if (v) versions.set(v.id, v.version);
    }),
  );

  return ids.map((id) => {
    const versionId = versionIdOf(id);
    const isStep = nodes.get(id)?.type === 'StepExecution';
    return {
      executionId: isStep ? ((target.get(`PART_OF:${id}`) as ExecutionId | undefined) ?? null) : null,
      pipelineName: versionId ? pipelineOf(versionId) : null,
      version: versionId ? (versions.get(versionId) ?? null) : null,
    };
  });
}

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
    throw error;
  }
}
