import {
  InvalidArgumentError,
  StoreCorruptError,
  type Artifact,
  type ArtifactId,
  type ExecutionId,
  type JsonObject,
  type ModelPackage,
  type ModelPackageId,
  type PipelineExecution,
  type PipelineVersion,
  type StepExecution,
  type StepExecutionId,
} from '@pedigree/domain';
import { DATA_FLOW_EDGE_TYPES, TRAVERSE_MAX_DEPTH_CAP, TRAVERSE_NODE_LIMIT_CAP, type GraphStore } from '@pedigree/graph-store';
import {
  AUDIT_REPORT_FORMAT,
  AUDIT_REPORT_FORMAT_VERSION,
  type AuditReport,
  type ReportArtifact,
  type ReportChannel,
  type ReportCodeFile,
  type ReportCodeRole,
  type ReportDataset,
  type ReportExecution,
  type ReportLineageEdge,
  type ReportLineageNode,
  type ReportModelPackage,
  type ReportPipelineVersion,
  type ReportStep,
} from './report-types.ts';

export interface BuildAuditReportOptions {
  /** The model artifact to report on; give this or `modelPackageId`. */
  readonly modelArtifactId?: string;
  /** A model package: the report covers its model artifact and names the package as the subject. */
  readonly modelPackageId?: string;
  /** Version of the tool producing the report (recorded in the report). */
  readonly toolVersion: string;
  /** Upstream hops followed; default and most 50 (the traversal cap). */
  readonly maxDepth?: number;
  /** Nodes visited; default and most 10,000 (the traversal cap). Beyond it the report says `truncated`. */
  readonly nodeLimit?: number;
}

/**
 * Gathers everything an auditor needs about one model from the graph store: its identity, its
 * registry history and its complete upstream provenance. Every list is sorted by stable keys, so
 * the same store state always gives an equal report.
 *
 * Throws INVALID_ARGUMENT (neither or both subjects given) and NOT_FOUND (unknown id).
 */
export async function buildAuditReport(store: GraphStore, options: BuildAuditReportOptions): Promise<AuditReport> {
  const { modelArtifactId, modelPackageId } = options;
  if ((modelArtifactId === undefined) === (modelPackageId === undefined)) {
    throw new InvalidArgumentError('subject', 'give exactly one of modelArtifactId or modelPackageId');
  }
  const subjectPackage = modelPackageId !== undefined ? await store.getModelPackage(modelPackageId as ModelPackageId) : null;
  const model = await store.getArtifact((subjectPackage?.modelArtifactId ?? modelArtifactId) as ArtifactId);

  const traversal = await store.traverse({
    startIds: [model.id],
    direction: 'UPSTREAM',
    edgeTypes: DATA_FLOW_EDGE_TYPES,
    maxDepth: options.maxDepth ?? TRAVERSE_MAX_DEPTH_CAP,
    nodeLimit: options.nodeLimit ?? TRAVERSE_NODE_LIMIT_CAP,
  });
  const depthOf = new Map(traversal.nodes.map((n) => [n.id, n.depth]));
  const stepIds = traversal.nodes.filter((n) => n.type === 'StepExecution').map((n) => n.id as StepExecutionId);
  const upstreamArtifactIds = traversal.nodes.filter((n) => n.type === 'Artifact').map((n) => n.id as ArtifactId);

  const [stepExecutions, links, packagesByArtifact] = await Promise.all([
    Promise.all(stepIds.map((id) => store.getStepExecution(id))),
    store.listStepArtifacts(stepIds),
    store.listModelPackagesByArtifact([model.id]),
  ]);

  // Artifacts: everything upstream plus every input and output of the upstream steps, so each
  // channel in the report names an artifact that is described in it.
  const artifactIds = new Set<string>(upstreamArtifactIds);
  for (const link of links) artifactIds.add(link.artifact.id);
  const artifacts = await readArtifacts(store, [...artifactIds].sort() as ArtifactId[]);

  // A cache hit names the execution whose outputs it reused; that one may lie outside the upstream set.
  const stepById = new Map<string, StepExecution>(stepExecutions.map((s) => [s.id, s]));
  const reusedIds = [...new Set(stepExecutions.flatMap((s) => (s.reusedStepExecutionId ? [s.reusedStepExecutionId] : [])))].filter(
    (id) => !stepById.has(id),
  );
  for (const reused of await Promise.all(reusedIds.map((id) => store.getStepExecution(id)))) stepById.set(reused.id, reused);

  const executionIds = [...new Set(stepExecutions.map((s) => s.executionId))].sort() as ExecutionId[];
  const executions = await Promise.all(executionIds.map((id) => store.getExecution(id)));
  const versionIds = [...new Set(executions.map((e) => e.pipelineVersionId))].sort();
  const versions = await Promise.all(versionIds.map((id) => store.getPipelineVersion(id)));

  const inputsOf = new Map<string, ReportChannel[]>();
  const outputsOf = new Map<string, ReportChannel[]>();
  for (const link of links) {
    const target = link.direction === 'input' ? inputsOf : outputsOf;
    const list = target.get(link.stepExecutionId) ?? [];
    list.push({ name: link.name, artifactId: link.artifact.id });
    target.set(link.stepExecutionId, list);
  }

  const executionOrder = new Map(
    [...executions].sort((a, b) => cmp(a.startedAt, b.startedAt) || cmp(a.id, b.id)).map((e, i) => [e.id as string, i]),
  );
  const steps = stepExecutions
    .map((s) => toReportStep(s, stepById, inputsOf.get(s.id) ?? [], outputsOf.get(s.id) ?? []))
    .sort(
      (a, b) =>
        (executionOrder.get(a.executionId) ?? 0) - (executionOrder.get(b.executionId) ?? 0) ||
        cmp(a.startedAt ?? '', b.startedAt ?? '') ||
        cmp(a.stepName, b.stepName) ||
        cmp(a.id, b.id),
    );

  const reportArtifacts = artifacts.map(toReportArtifact).sort(byTypeNameId);
  const datasets: ReportDataset[] = artifacts
    .filter((a) => a.type === 'DataSet' && depthOf.has(a.id) && a.id !== model.id)
    .map((a) => ({ ...toReportArtifact(a), depth: depthOf.get(a.id)! }))
    .sort((a, b) => a.depth - b.depth || cmp(a.uri, b.uri) || cmp(a.id, b.id));
  const code = collectCode(
    artifacts.filter((a) => a.type === 'Code' && depthOf.has(a.id)),
    links,
    new Map(stepExecutions.map((st) => [st.id as string, st])),
  );

  const packages = [...(packagesByArtifact.get(model.id) ?? [])]
    .map(toReportPackage)
    .sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));

  return {
    format: AUDIT_REPORT_FORMAT,
    formatVersion: AUDIT_REPORT_FORMAT_VERSION,
    toolVersion: options.toolVersion,
    subject: { modelArtifactId: model.id, modelPackageId: subjectPackage?.id ?? null },
    model: toReportArtifact(model),
    registry: packages,
    pipelineVersions: versions.map(toReportVersion).sort((a, b) => cmp(a.pipelineName, b.pipelineName) || a.version - b.version),
    executions: [...executions].map(toReportExecution).sort((a, b) => cmp(a.startedAt, b.startedAt) || cmp(a.id, b.id)),
    steps,
    datasets,
    code,
    artifacts: reportArtifacts,
    lineage: lineageGraph(traversal.nodes, traversal.edges, stepExecutions, packages, model.id),
    truncated: traversal.truncated,
  };
}

async function readArtifacts(store: GraphStore, ids: readonly ArtifactId[]): Promise<Artifact[]> {
  const found = await store.getArtifacts(ids);
  return found.map((a, i) => {
    if (a === null) throw new StoreCorruptError('lineage names an artifact that cannot be read', { id: ids[i] });
    return a;
  });
}

function lineageGraph(
  nodes: readonly {
    id: string;
    type: ReportLineageNode['type'];
    label: string;
    artifactType?: ReportLineageNode['artifactType'];
    digest?: string;
    status?: string;
  }[],
  edges: readonly ReportLineageEdge[],
  stepExecutions: readonly StepExecution[],
  packages: readonly ReportModelPackage[],
  modelId: string,
): AuditReport['lineage'] {
  const stepById = new Map(stepExecutions.map((s) => [s.id as string, s]));
  const outNodes: ReportLineageNode[] = nodes.map((n) => ({
    id: n.id,
    type: n.type,
    label: n.label,
    artifactType: n.artifactType ?? null,
    status: n.status ?? null,
    digest: n.digest ?? null,
    cacheHit: stepById.get(n.id)?.cacheHit ?? false,
  }));
  const outEdges: ReportLineageEdge[] = edges.map((e) => ({ from: e.from, to: e.to, type: e.type }));
  for (const s of stepExecutions) {
    if (s.reusedStepExecutionId && stepById.has(s.reusedStepExecutionId)) {
      outEdges.push({ from: s.id, to: s.reusedStepExecutionId, type: 'REUSED' });
    }
  }
  for (const p of packages) {
    outNodes.push({
      id: p.id,
      type: 'ModelPackage',
      label: `${p.group} v${p.version}`,
      artifactType: null,
      status: p.approvalStatus,
      digest: null,
      cacheHit: false,
    });
    outEdges.push({ from: modelId, to: p.id, type: 'PACKAGED_AS' });
  }
  const seen = new Set<string>();
  const uniqueEdges = outEdges.filter((e) => {
    const key = `${e.from}\u0000${e.type}\u0000${e.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    nodes: outNodes.sort((a, b) => cmp(a.id, b.id)),
    edges: uniqueEdges.sort((a, b) => cmp(a.from, b.from) || cmp(a.type, b.type) || cmp(a.to, b.to)),
  };
}

export function toReportArtifact(a: Artifact): ReportArtifact {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    uri: a.uri,
    digest: a.digest,
    size: a.size,
    createdAt: a.createdAt,
    previousVersionId: a.previousVersionId,
    properties: a.properties,
  };
}

function toReportPackage(p: ModelPackage): ReportModelPackage {
  return {
    id: p.id,
    group: p.group,
    version: p.version,
    approvalStatus: p.approvalStatus,
    description: p.description,
    metrics: p.metrics,
    createdAt: p.createdAt,
    stepExecutionId: p.stepExecutionId,
    approvals: [...p.approvals]
      .map((a) => ({ status: a.status, by: a.by, at: a.at, comment: a.comment }))
      // Stable: entries made in the same millisecond keep the store's order.
      .sort((a, b) => cmp(a.at, b.at)),
  };
}

function toReportVersion(v: PipelineVersion): ReportPipelineVersion {
  return { id: v.id, pipelineName: v.pipelineName, version: v.version, definitionHash: v.definitionHash, definition: v.definition };
}

function toReportExecution(e: PipelineExecution): ReportExecution {
  return {
    id: e.id,
    pipelineName: e.pipelineName,
    pipelineVersionId: e.pipelineVersionId,
    status: e.status,
    parameters: { ...e.parameters },
    startedAt: e.startedAt,
    endedAt: e.endedAt,
    durationMs: durationMs(e.startedAt, e.endedAt),
    createdBy: e.createdBy,
    failureReason: e.failureReason,
  };
}

function toReportStep(
  s: StepExecution,
  stepById: ReadonlyMap<string, StepExecution>,
  inputs: readonly ReportChannel[],
  outputs: readonly ReportChannel[],
): ReportStep {
  const byChannel = (a: ReportChannel, b: ReportChannel): number => cmp(a.name, b.name) || cmp(a.artifactId, b.artifactId);
  return {
    id: s.id,
    executionId: s.executionId,
    stepName: s.stepName,
    stepType: s.stepType,
    status: s.status,
    attempt: s.attempt,
    attempts: [...s.attempts].sort((a, b) => a.attempt - b.attempt),
    cacheKey: s.cacheKey,
    cacheHit: s.cacheHit,
    reusedStepExecutionId: s.reusedStepExecutionId,
    reusedFromExecutionId: s.reusedStepExecutionId ? (stepById.get(s.reusedStepExecutionId)?.executionId ?? null) : null,
    cacheMiss: s.cacheMiss,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationMs: durationMs(s.startedAt, s.endedAt),
    failureReason: s.failureReason,
    resolvedArguments: s.resolvedArguments as JsonObject | null,
    properties: s.properties,
    inputs: [...inputs].sort(byChannel),
    outputs: [...outputs].sort(byChannel),
  };
}

const ROLE_RANK: Readonly<Record<ReportCodeRole, number>> = { handler: 0, command: 1, import: 2 };

/**
 * The code section: the upstream Code artifacts, each with the steps that consumed it and what it
 * was to them. The role comes from the step's cache-key material (`resolvedArguments.code`): for a
 * handler step the file whose digest is the handler's is the module, the others are its imports;
 * for a command step the files are the ones its argv names. A file used in several roles shows
 * the strongest (handler, then command, then import).
 */
function collectCode(
  codeArtifacts: readonly Artifact[],
  links: readonly { stepExecutionId: string; direction: 'input' | 'output'; artifact: Artifact }[],
  steps: ReadonlyMap<string, StepExecution>,
): ReportCodeFile[] {
  const usage = new Map<string, { role: ReportCodeRole | null; export: string | null; steps: Set<string> }>();
  for (const a of codeArtifacts) usage.set(a.id, { role: null, export: null, steps: new Set() });
  for (const link of links) {
    const entry = usage.get(link.artifact.id);
    const step = steps.get(link.stepExecutionId);
    if (!entry || !step || link.direction !== 'input') continue;
    entry.steps.add(step.stepName);
    const code = step.resolvedArguments?.code;
    if (code === null || typeof code !== 'object' || Array.isArray(code)) continue;
    let role: ReportCodeRole | null = null;
    let exportName: string | null = null;
    if (code.kind === 'handler') {
      role = code.digest === link.artifact.digest ? 'handler' : 'import';
      if (role === 'handler' && typeof code.export === 'string') exportName = code.export;
    } else if (code.kind === 'command') {
      role = 'command';
    }
    if (role !== null && (entry.role === null || ROLE_RANK[role] < ROLE_RANK[entry.role])) {
      entry.role = role;
      entry.export = exportName;
    }
  }
  return codeArtifacts
    .map((a) => {
      const u = usage.get(a.id)!;
      return { ...toReportArtifact(a), role: u.role, export: u.export, steps: [...u.steps].sort() };
    })
    .sort(byTypeNameId);
}

function durationMs(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? ms : null;
}

function byTypeNameId(a: ReportArtifact, b: ReportArtifact): number {
  return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.id, b.id);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
