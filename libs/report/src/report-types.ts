import type {
  ApprovalStatus,
  ArtifactType,
  CacheMissExplanation,
  EdgeType,
  ExecutionStatus,
  JsonObject,
  NodeType,
  ParameterValue,
  StepAttempt,
  StepStatus,
  StepType,
} from '@pedigree/domain';

/*
 * The audit report as data. Every field is plain JSON (no undefined, no Dates) so that the
 * canonical JSON of the report, and with it the report's sha256, depends only on store state.
 * Nothing here may carry the time the report was generated.
 */

export const AUDIT_REPORT_FORMAT = 'pedigree.audit-report' as const;
/**
 * 2: the code section is the upstream `Code` artifacts the executor recorded (file:// URIs, with the
 * role each played and the steps that ran it); version 1 listed source files from the steps' cache
 * keys in `codeFiles` (handler steps of cache format 2 showed none there).
 */
export const AUDIT_REPORT_FORMAT_VERSION = 2 as const;

export interface ReportArtifact {
  readonly id: string;
  readonly name: string;
  readonly type: ArtifactType;
  readonly uri: string;
  readonly digest: string;
  readonly size: number;
  readonly createdAt: string;
  readonly previousVersionId: string | null;
  readonly properties: JsonObject;
}

export interface ReportDataset extends ReportArtifact {
  /** Hops from the dataset to the model along the data flow. */
  readonly depth: number;
}

export interface ReportApproval {
  readonly status: ApprovalStatus;
  readonly by: string;
  readonly at: string;
  readonly comment: string | null;
}

export interface ReportModelPackage {
  readonly id: string;
  readonly group: string;
  readonly version: number;
  readonly approvalStatus: ApprovalStatus;
  readonly description: string | null;
  readonly metrics: JsonObject;
  readonly createdAt: string;
  readonly stepExecutionId: string | null;
  /** Oldest first: the full history, registration included. */
  readonly approvals: readonly ReportApproval[];
}

/** How the steps used a code file. */
export type ReportCodeRole =
  /** The handler module a step ran. */
  | 'handler'
  /** A project file a handler module imports (directly or through other imports). */
  | 'import'
  /** A project file named in a command's argv. */
  | 'command';

/**
 * A code file behind the model: an upstream `Code` artifact (recorded by the executor with a
 * `file://` URI, consumed by every step that ran it), with what it was to those steps.
 */
export interface ReportCodeFile extends ReportArtifact {
  /** What the file was to the steps that consumed it; null when no upstream step consumed it (e.g. imported lineage). */
  readonly role: ReportCodeRole | null;
  /** The handler's export, for handler modules. */
  readonly export: string | null;
  /** Names of the upstream steps that consumed it, sorted. */
  readonly steps: readonly string[];
}

export interface ReportPipelineVersion {
  readonly id: string;
  readonly pipelineName: string;
  readonly version: number;
  readonly definitionHash: string;
  /** The canonical definition document the executions ran. */
  readonly definition: JsonObject;
}

export interface ReportExecution {
  readonly id: string;
  readonly pipelineName: string;
  readonly pipelineVersionId: string;
  readonly status: ExecutionStatus;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly createdBy: string | null;
  readonly failureReason: string | null;
}

export interface ReportChannel {
  /** Channel name (input or output name of the step). */
  readonly name: string;
  readonly artifactId: string;
}

export interface ReportStep {
  readonly id: string;
  readonly executionId: string;
  readonly stepName: string;
  readonly stepType: StepType;
  readonly status: StepStatus;
  readonly attempt: number;
  readonly attempts: readonly StepAttempt[];
  readonly cacheKey: string | null;
  readonly cacheHit: boolean;
  /** For a cache hit: the step execution whose outputs were reused, and its pipeline execution. */
  readonly reusedStepExecutionId: string | null;
  readonly reusedFromExecutionId: string | null;
  readonly cacheMiss: CacheMissExplanation | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly failureReason: string | null;
  readonly resolvedArguments: JsonObject | null;
  readonly properties: JsonObject | null;
  readonly inputs: readonly ReportChannel[];
  readonly outputs: readonly ReportChannel[];
}

export interface ReportLineageNode {
  readonly id: string;
  readonly type: NodeType;
  readonly label: string;
  readonly artifactType: ArtifactType | null;
  readonly status: string | null;
  readonly digest: string | null;
  readonly cacheHit: boolean;
}

export interface ReportLineageEdge {
  readonly from: string;
  readonly to: string;
  readonly type: EdgeType;
}

export interface AuditReport {
  readonly format: typeof AUDIT_REPORT_FORMAT;
  readonly formatVersion: typeof AUDIT_REPORT_FORMAT_VERSION;
  /** Version of the Pedigree tool that produced the report. */
  readonly toolVersion: string;
  readonly subject: {
    readonly modelArtifactId: string;
    /** Set when the report was asked for a model package. */
    readonly modelPackageId: string | null;
  };
  readonly model: ReportArtifact;
  /** Every package the model artifact was registered as, oldest first. */
  readonly registry: readonly ReportModelPackage[];
  readonly pipelineVersions: readonly ReportPipelineVersion[];
  readonly executions: readonly ReportExecution[];
  readonly steps: readonly ReportStep[];
  /** Every upstream DataSet, nearest first. */
  readonly datasets: readonly ReportDataset[];
  /** Every upstream Code artifact: the source files the steps ran, with their digests. `verifyReport` re-hashes them (they are in `artifacts`). */
  readonly code: readonly ReportCodeFile[];
  /** Every artifact the report refers to (the model, datasets, code, intermediates): what `verifyReport` re-hashes. */
  readonly artifacts: readonly ReportArtifact[];
  readonly lineage: {
    readonly nodes: readonly ReportLineageNode[];
    readonly edges: readonly ReportLineageEdge[];
  };
  /** True when the lineage was larger than the traversal budget: the report is then incomplete. */
  readonly truncated: boolean;
}

/** The JSON document `renderJson` writes: the report plus the sha256 of its canonical JSON. */
export interface AuditReportDocument {
  readonly report: AuditReport;
  /** `sha256:<hex>` of `canonicalJson(report)`. */
  readonly sha256: string;
}
