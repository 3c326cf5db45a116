import { Option, type Command } from 'commander';
import {
  EDGE_TYPES,
  type Artifact,
  type ArtifactId,
  type EdgeType,
  type IsoTimestamp,
  type JsonObject,
  type LineageDirection,
  type ModelPackage,
  type OpenLineageRun,
} from '@pedigree/domain';
import {
  DATA_FLOW_EDGE_TYPES,
  TRAVERSE_MAX_DEPTH_CAP,
  TRAVERSE_NODE_LIMIT_CAP,
  type LineagePath,
  type TraverseResult,
} from '@pedigree/graph-store';
import { withRuntime } from '../context.ts';
import { ImpactDocument, LineageDocument, ProvenanceDocument } from '../generated/graphql.ts';
import { formatDot, formatMermaid, formatTree } from '../lineage-format.ts';
import { formatTable, type Output } from '../output.ts';
import { toExecutionRecord, toStepRecord, type ExecutionRecord, type StepRecord } from '../records.ts';
import { connect } from '../remote/connect.ts';
import { lineageLabelsRemote, resolveArtifactRemote, resolveLineageStartRemote, resolveModelRemote } from '../remote/resolve.ts';
import { toArtifact, toExecution, toLineageNode, toModelPackage, toStep } from '../remote/to-records.ts';
import { resolveArtifact, resolveLineageStart, resolveModel } from '../resolve-ids.ts';
import { parseNonNegativeInt, parsePositiveInt } from './pipelines.ts';
import { examples, type CommandSetup } from './shared.ts';

const DIRECTIONS: Readonly<Record<string, LineageDirection>> = { up: 'UPSTREAM', down: 'DOWNSTREAM', both: 'BOTH' };
const LINEAGE_EDGES: readonly EdgeType[] = [...DATA_FLOW_EDGE_TYPES, 'PACKAGED_AS'];

export function registerLineageCommands(program: Command, setup: CommandSetup): void {
  setup(
    program
      .command('lineage')
      .description('The lineage graph around an artifact (or any node): what it came from, what came from it, or both.')
      .argument('<artifact>', 'artifact id (ar_…), artifact URI, local file path, or another node id (se_…, ex_…, mp_…)')
      .addOption(new Option('--direction <direction>', 'which way to follow the data').choices(Object.keys(DIRECTIONS)).default('up'))
      .option(
        '--depth <n>',
        `hops to follow (0-${TRAVERSE_MAX_DEPTH_CAP}, default 10)`,
        parseNonNegativeInt('--depth', TRAVERSE_MAX_DEPTH_CAP),
      )
      .option(
        '--limit <n>',
        `most nodes visited (default 1000, at most ${TRAVERSE_NODE_LIMIT_CAP})`,
        parsePositiveInt('--limit', TRAVERSE_NODE_LIMIT_CAP),
      )
      .option('--all-edges', 'also follow execution, pipeline, reuse and context edges (default: data flow and model packages)')
      .addOption(new Option('--format <format>', 'output format').choices(['tree', 'json', 'dot', 'mermaid']).default('tree'))
      .option('--json', 'same as --format json'),
    examples([
      'pedigree lineage ar_3f2a… --direction up',
      'pedigree lineage examples/iris/data/iris.csv --direction down --format mermaid',
      'pedigree lineage ar_3f2a… --direction both --depth 4 --format dot | dot -Tsvg > lineage.svg',
    ]),
  ).action(
    async (
      ref: string,
      opts: { direction: string; depth?: number; limit?: number; allEdges?: boolean; format: string; json?: boolean },
      cmd: Command,
    ) => {
      const ctx = setup.context(cmd);
      const format = opts.json ? 'json' : opts.format;
      const direction = DIRECTIONS[opts.direction]!;
      const edgeTypes = opts.allEdges ? EDGE_TYPES : LINEAGE_EDGES;
      const budget = {
        ...(opts.depth !== undefined ? { maxDepth: opts.depth } : {}),
        ...(opts.limit !== undefined ? { nodeLimit: opts.limit } : {}),
      };
      const print = (startId: string, result: TraverseResult): void => {
        if (format === 'json') ctx.out.json({ startId, direction, ...result });
        else if (format === 'dot') ctx.out.line(formatDot(result, startId));
        else if (format === 'mermaid') ctx.out.line(formatMermaid(result));
        else ctx.out.line(...formatTree(result, startId, direction));
      };
      const client = connect(ctx);
      if (client) {
        const startId = await resolveLineageStartRemote(client, ref);
        const { lineage } = await client.request(LineageDocument, { startIds: [startId], direction, edgeTypes: [...edgeTypes], ...budget });
        return print(startId, { nodes: lineage.nodes.map(toLineageNode), edges: lineage.edges, truncated: lineage.truncated });
      }
      await withRuntime(ctx, async (runtime) => {
        const startId = await resolveLineageStart(runtime.store, ref);
        print(startId, await runtime.store.traverse({ startIds: [startId], direction, edgeTypes, ...budget }));
      });
    },
  );

  setup(
    program
      .command('impact')
      .description('Every model (and model package) built from a dataset or other artifact, and the steps in between.')
      .argument('<artifact>', 'artifact id, URI or local file path')
      .option('--depth <n>', `hops to follow (0-${TRAVERSE_MAX_DEPTH_CAP})`, parseNonNegativeInt('--depth', TRAVERSE_MAX_DEPTH_CAP))
      .option('--json', 'print as JSON'),
    examples(['pedigree impact examples/iris/data/iris.csv', 'pedigree impact ar_3f2a… --json']),
  ).action(async (ref: string, opts: { depth?: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const depth = opts.depth !== undefined ? { maxDepth: opts.depth } : {};
    const client = connect(ctx);
    if (client) {
      const artifact = await resolveArtifactRemote(client, ref);
      const { impact } = await client.request(ImpactDocument, { artifactId: artifact.id, ...depth });
      const result = {
        artifact: toArtifact(impact.artifact),
        models: impact.models.map(toArtifact),
        modelPackages: impact.modelPackages.map(toModelPackage),
        stepExecutions: impact.stepExecutions.map(toStep),
        truncated: impact.truncated,
      };
      return printImpact(ctx.out, artifact, result, opts.json ?? false);
    }
    await withRuntime(ctx, async (runtime) => {
      const artifact = await resolveArtifact(runtime.store, ref);
      const result = await runtime.store.impact(artifact.id, depth);
      printImpact(ctx.out, artifact, { ...result, stepExecutions: result.stepExecutions.map(toStepRecord) }, opts.json ?? false);
    });
  });

  setup(
    program
      .command('provenance')
      .description('Everything a model came from: datasets (with the paths to them), code, step executions and executions.')
      .argument('<model>', 'model artifact id, model package id (mp_…), URI or local path')
      .option('--depth <n>', `hops to follow (0-${TRAVERSE_MAX_DEPTH_CAP})`, parseNonNegativeInt('--depth', TRAVERSE_MAX_DEPTH_CAP))
      .option('--json', 'print as JSON'),
    examples(['pedigree provenance mp_0190…', 'pedigree provenance ar_9c1e… --json']),
  ).action(async (ref: string, opts: { depth?: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const depth = opts.depth !== undefined ? { maxDepth: opts.depth } : {};
    const client = connect(ctx);
    if (client) {
      const { artifact } = await resolveModelRemote(client, ref);
      const { provenance: p } = await client.request(ProvenanceDocument, { modelId: artifact.id, ...depth });
      const result: ProvenanceView = {
        model: toArtifact(p.model),
        datasets: p.datasets.map((d) => ({ artifact: toArtifact(d.artifact), depth: d.depth, paths: d.paths })),
        code: p.code.map(toArtifact),
        stepExecutions: p.stepExecutions.map(toStep),
        executions: p.executions.map(toExecution),
        // As the store gives them locally, so both modes print the same JSON.
        openLineageRuns: p.openLineageRuns.map((r): OpenLineageRun => ({
          id: r.id,
          runId: r.runId,
          job: r.job ? { namespace: r.job.namespace, name: r.job.name } : null,
          state: r.state ?? null,
          startedAt: (r.startedAt ?? null) as IsoTimestamp | null,
          endedAt: (r.endedAt ?? null) as IsoTimestamp | null,
          parentRunId: r.parent?.runId ?? null,
          facets: r.facets as JsonObject,
          jobFacets: (r.job?.facets ?? {}) as JsonObject,
          datasetFacets: r.datasetFacets.map((d) => ({
            direction: d.direction,
            artifactId: d.artifact.id as ArtifactId,
            facets: d.facets as JsonObject,
          })),
          producers: r.producers,
          eventCount: r.eventCount,
        })),
        truncated: p.truncated,
      };
      if (opts.json) return ctx.out.json(result);
      const labels = await lineageLabelsRemote(client, pathNodeIds(result));
      return printProvenance(ctx.out, artifact, result, labels);
    }
    await withRuntime(ctx, async (runtime) => {
      const { artifact } = await resolveModel(runtime.store, ref);
      const raw = await runtime.store.provenance(artifact.id, depth);
      const result: ProvenanceView = {
        ...raw,
        stepExecutions: raw.stepExecutions.map(toStepRecord),
        executions: raw.executions.map(toExecutionRecord),
      };
      if (opts.json) return ctx.out.json(result);
      const labels = new Map<string, string>();
      for (const n of await runtime.store.getLineageNodes(pathNodeIds(result))) if (n) labels.set(n.id, n.label);
      printProvenance(ctx.out, artifact, result, labels);
    });
  });
}

interface ImpactView {
  readonly artifact: Artifact;
  readonly models: readonly Artifact[];
  readonly modelPackages: readonly ModelPackage[];
  readonly stepExecutions: readonly StepRecord[];
  readonly truncated: boolean;
}

function printImpact(out: Output, artifact: Artifact, result: ImpactView, json: boolean): void {
  if (json) return out.json(result);
  out.line(`Impact of ${artifact.type} ${artifact.name} (${artifact.id}, ${artifact.digest})`);
  out.line('', `Models (${result.models.length}):`);
  out.line(
    ...(result.models.length
      ? formatTable(
          ['NAME', 'ID', 'DIGEST', 'URI'],
          result.models.map((m) => [m.name, m.id, m.digest, m.uri]),
        )
      : ['  none']),
  );
  out.line('', `Model packages (${result.modelPackages.length}):`);
  out.line(
    ...(result.modelPackages.length
      ? formatTable(
          ['ID', 'GROUP', 'VERSION', 'STATUS'],
          result.modelPackages.map((p) => [p.id, p.group, String(p.version), p.approvalStatus]),
        )
      : ['  none']),
  );
  out.line('', `Step executions (${result.stepExecutions.length}):`);
  out.line(
    ...(result.stepExecutions.length
      ? formatTable(
          ['STEP', 'STATUS', 'CACHE', 'EXECUTION', 'ID'],
          result.stepExecutions.map((s) => [s.stepName, s.status, s.cacheHit ? 'hit' : '-', s.executionId, s.id]),
        )
      : ['  none']),
  );
  if (result.truncated) out.line('', '(truncated: the graph is larger than the node budget)');
}

interface ProvenanceView {
  readonly model: Artifact;
  readonly datasets: readonly { readonly artifact: Artifact; readonly depth: number; readonly paths: readonly LineagePath[] }[];
  readonly code: readonly Artifact[];
  readonly stepExecutions: readonly StepRecord[];
  readonly executions: readonly ExecutionRecord[];
  /** Runs of external jobs (Spark, dbt, Airflow, Flink) known from OpenLineage events, nearest first. */
  readonly openLineageRuns: readonly OpenLineageRun[];
  readonly truncated: boolean;
}

/** The nodes on the paths from the datasets to the model, to label them. */
function pathNodeIds(result: ProvenanceView): string[] {
  return [...new Set(result.datasets.flatMap((d) => d.paths.flatMap((p) => p.nodeIds)))];
}

function printProvenance(out: Output, artifact: Artifact, result: ProvenanceView, labels: ReadonlyMap<string, string>): void {
  out.line(`Provenance of ${artifact.type} ${artifact.name} (${artifact.id}, ${artifact.digest})`);
  out.line('', `Datasets (${result.datasets.length}), nearest first:`);
  for (const d of result.datasets) {
    out.line(`  ${d.artifact.name}  ${d.artifact.digest}  ${d.artifact.size} bytes  ${d.depth} hops`, `    ${d.artifact.uri}`);
    for (const p of d.paths) out.line(`    via ${p.nodeIds.map((id) => labels.get(id) ?? id).join(' → ')}`);
  }
  out.line('', `Code (${result.code.length}):`);
  out.line(
    ...(result.code.length
      ? result.code.map((c) => `  ${c.name}  ${c.digest}  ${c.uri}`)
      : ['  none recorded as artifacts (code digests are in each step’s cache key)']),
  );
  out.line('', `Step executions (${result.stepExecutions.length}):`);
  out.line(
    ...formatTable(
      ['STEP', 'STATUS', 'CACHE', 'EXECUTION', 'ID'],
      result.stepExecutions.map((s) => [s.stepName, s.status, s.cacheHit ? `hit (${s.reusedStepExecutionId})` : '-', s.executionId, s.id]),
    ),
  );
  out.line('', `Executions (${result.executions.length}):`);
  out.line(...result.executions.map((e) => `  ${e.id}  ${e.pipelineName}  ${e.status}  ${e.startedAt}`));
  if (result.openLineageRuns.length > 0) {
    out.line('', `External job runs, from OpenLineage (${result.openLineageRuns.length}), nearest first:`);
    out.line(
      ...formatTable(
        ['JOB', 'NAMESPACE', 'STATE', 'RUN'],
        result.openLineageRuns.map((r) => [r.job?.name ?? '?', r.job?.namespace ?? '?', r.state ?? '-', r.runId]),
      ),
    );
  }
  if (result.truncated) out.line('', '(truncated: the graph is larger than the node budget)');
}
