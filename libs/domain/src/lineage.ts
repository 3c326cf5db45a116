import type { ApprovalStatus, ArtifactType, ContextType, IsoTimestamp, StepType } from './entities.ts';
import type { ExecutionStatus, StepStatus } from './status.ts';

/**
 * Edges point the way data flows, so "upstream" is always against the arrows.
 * SageMaker ML Lineage association types map onto these: Produced = PRODUCED,
 * ContributedTo = CONSUMED_BY, DerivedFrom = DERIVED_FROM, AssociatedWith = ASSOCIATED_WITH.
 */
export const EDGE_TYPES = [
  'CONSUMED_BY', // (Artifact)->(StepExecution)
  'PRODUCED', // (StepExecution)->(Artifact)
  'PART_OF', // (StepExecution)->(PipelineExecution)
  'RUN_OF', // (PipelineExecution)->(PipelineVersion)
  'VERSION_OF', // (PipelineVersion)->(Pipeline)
  'REUSED', // (StepExecution)->(StepExecution): a cache hit points at the execution whose outputs it reused
  'DERIVED_FROM', // (source Artifact)->(derived Artifact): lineage known without an execution; the arrow follows the data
  'PACKAGED_AS', // (Artifact)->(ModelPackage)
  'ASSOCIATED_WITH', // (any)->(Context)
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

export const NODE_TYPES = [
  'Pipeline',
  'PipelineVersion',
  'PipelineExecution',
  'StepExecution',
  'Artifact',
  'ModelPackage',
  'Context',
  /** A run of an external job (Spark, dbt, Airflow, Flink) known from OpenLineage events. */
  'OpenLineageRun',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const LINEAGE_DIRECTIONS = ['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const;
export type LineageDirection = (typeof LINEAGE_DIRECTIONS)[number];

/** A node as lineage queries return it: enough to draw and label it without another round trip. */
export interface LineageNode {
  readonly id: string;
  readonly type: NodeType;
  /** Human label: artifact name, step name, pipeline name, package group/version. */
  readonly label: string;
  /** Hops from the nearest start node (0 for start nodes). */
  readonly depth: number;
  readonly artifactType?: ArtifactType;
  readonly uri?: string;
  readonly digest?: string;
  readonly stepType?: StepType;
  readonly status?: StepStatus | ExecutionStatus;
  readonly approvalStatus?: ApprovalStatus;
  readonly contextType?: ContextType;
  readonly createdAt?: IsoTimestamp;
}

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly type: EdgeType;
}

export function isEdgeType(value: unknown): value is EdgeType {
  return typeof value === 'string' && (EDGE_TYPES as readonly string[]).includes(value);
}

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

export function isLineageDirection(value: unknown): value is LineageDirection {
  return typeof value === 'string' && (LINEAGE_DIRECTIONS as readonly string[]).includes(value);
}

/** The node types each edge type connects, for validating edges at the store boundary. */
export const EDGE_ENDPOINTS: Readonly<Record<EdgeType, { readonly from: readonly NodeType[]; readonly to: readonly NodeType[] }>> = {
  CONSUMED_BY: { from: ['Artifact'], to: ['StepExecution'] },
  PRODUCED: { from: ['StepExecution'], to: ['Artifact'] },
  PART_OF: { from: ['StepExecution', 'PipelineExecution'], to: ['PipelineExecution'] },
  RUN_OF: { from: ['PipelineExecution'], to: ['PipelineVersion'] },
  VERSION_OF: { from: ['PipelineVersion'], to: ['Pipeline'] },
  REUSED: { from: ['StepExecution'], to: ['StepExecution'] },
  DERIVED_FROM: { from: ['Artifact'], to: ['Artifact'] },
  PACKAGED_AS: { from: ['Artifact'], to: ['ModelPackage'] },
  ASSOCIATED_WITH: {
    from: ['Pipeline', 'PipelineVersion', 'PipelineExecution', 'StepExecution', 'Artifact', 'ModelPackage', 'Context'],
    to: ['Context'],
  },
};
