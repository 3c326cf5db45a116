import type { ArtifactId, ArtifactType, EdgeType, LineageDirection, NodeType } from '@pedigree/domain';
import type { GraphStore, ImpactResult, PathsResult, ProvenanceResult, TraverseResult } from '@pedigree/graph-store';

export interface LineageArgs {
  readonly startIds: readonly string[];
  readonly direction: LineageDirection;
  readonly maxDepth?: number;
  readonly nodeTypes?: readonly NodeType[];
  readonly artifactTypes?: readonly ArtifactType[];
  readonly edgeTypes?: readonly EdgeType[];
  readonly nodeLimit?: number;
}

export interface LineageBudget {
  readonly maxDepth?: number;
  readonly nodeLimit?: number;
}

/**
 * Bounded lineage queries. The store enforces the depth and node caps (INVALID_ARGUMENT beyond them)
 * and answers with `truncated` instead of running long; this service only shapes the arguments.
 */
export interface LineageService {
  traverse(args: LineageArgs): Promise<TraverseResult>;
  provenance(modelId: ArtifactId, budget: LineageBudget): Promise<ProvenanceResult>;
  impact(artifactId: ArtifactId, budget: LineageBudget): Promise<ImpactResult>;
  paths(from: string, to: string, maxDepth?: number, limit?: number): Promise<PathsResult>;
}

export function createLineageService(store: GraphStore): LineageService {
  return {
    traverse: (args) => store.traverse(args),
    provenance: (modelId, budget) => store.provenance(modelId, budget),
    impact: (artifactId, budget) => store.impact(artifactId, budget),
    paths: (fromId, toId, maxDepth, limit) =>
      store.paths({ fromId, toId, ...(maxDepth !== undefined ? { maxDepth } : {}), ...(limit !== undefined ? { limit } : {}) }),
  };
}
