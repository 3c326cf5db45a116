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
import type { GraphStore, StepArtifactLink } from '@pedigree/graph-store';
import DataLoader from 'dataloader';

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
}

// Loaders cap their batches so that one request cannot send an unbounded IN (...) list to the store.
const MAX_BATCH = 500;

export function createLoaders(store: GraphStore): Loaders {
  return {
    stepsByExecution: new DataLoader(
      async (ids) => {
        const map = await store.listStepExecutionsByExecution(ids);
        return ids.map((id) => map.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    stepArtifacts: new DataLoader(
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
    ),
    artifact: new DataLoader(async (ids) => store.getArtifacts(ids), { maxBatchSize: MAX_BATCH }),
    producer: new DataLoader(async (ids) => store.getArtifactProducers(ids), { maxBatchSize: MAX_BATCH }),
    modelPackagesByArtifact: new DataLoader(
      async (ids) => {
        const map = await store.listModelPackagesByArtifact(ids);
        return ids.map((id) => map.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    // The port has no batch read for these; the loader still removes duplicates within a request
    // (fifty executions of one version cost one read).
    stepExecution: new DataLoader(async (ids) => Promise.all(ids.map((id) => orNull(store.getStepExecution(id))))),
    pipelineVersion: new DataLoader(async (ids) => Promise.all(ids.map((id) => orNull(store.getPipelineVersion(id))))),
    pipeline: new DataLoader(async (names) => Promise.all(names.map((name) => store.findPipeline(name)))),
  };
}

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
    throw error;
  }
}
