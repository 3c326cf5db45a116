import type { Command } from 'commander';
import { canonicalJson, type JsonValue } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { buildAuditReport, parseReportDocument, type AuditReport } from '@pedigree/report';
import { withRuntime } from '../context.ts';
import { connect } from '../remote/connect.ts';
import { resolveModelRemote } from '../remote/resolve.ts';
import { requireModel, resolveModel } from '../resolve-ids.ts';
import { fetchReport } from './report.ts';
import { examples, type CommandSetup } from './shared.ts';

export interface DiffEntry {
  readonly key: string;
  readonly a: string | null;
  readonly b: string | null;
  readonly change: 'same' | 'changed' | 'only-a' | 'only-b';
}

export interface ProvenanceDiff {
  readonly a: { readonly modelArtifactId: string; readonly digest: string };
  readonly b: { readonly modelArtifactId: string; readonly digest: string };
  readonly identical: boolean;
  readonly model: DiffEntry;
  readonly pipelineVersions: readonly DiffEntry[];
  readonly datasets: readonly DiffEntry[];
  readonly code: readonly DiffEntry[];
  readonly parameters: readonly DiffEntry[];
  /** Resolved step arguments (per `step.path`) of the steps that produced each model's inputs. */
  readonly stepArguments: readonly DiffEntry[];
}

function compare(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): DiffEntry[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.map((key) => {
    const va = a.get(key) ?? null;
    const vb = b.get(key) ?? null;
    const change = va === null ? 'only-b' : vb === null ? 'only-a' : va === vb ? 'same' : 'changed';
    return { key, a: va, b: vb, change };
  });
}

/** Keys that repeat (two datasets called train) are numbered so that nothing is lost. */
function keyed(entries: readonly [string, string][]): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const [k, v] of [...entries].sort((x, y) => (x[0] + x[1] < y[0] + y[1] ? -1 : 1))) {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k}#${n}`, v);
  }
  return out;
}

function flatten(value: JsonValue | undefined, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of Object.keys(value).sort()) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, canonicalJson(value));
  }
}

function facts(report: AuditReport) {
  const versions = keyed(report.pipelineVersions.map((v) => [v.pipelineName, `v${v.version} ${v.definitionHash}`]));
  const datasets = keyed(report.datasets.map((d) => [d.name, d.digest]));
  const code = keyed(report.code.map((c) => [c.name, c.digest]));
  // Parameters of the executions whose steps produced the model itself: upstream datasets may have
  // been re-produced (from cache) by other executions with other parameters.
  const producers = new Set(report.steps.filter((s) => s.outputs.some((o) => o.artifactId === report.model.id)).map((s) => s.executionId));
  const parameters = new Map<string, string>();
  for (const e of report.executions.filter((x) => producers.size === 0 || producers.has(x.id))) {
    for (const [k, v] of Object.entries(e.parameters)) {
      const prev = parameters.get(k);
      const text = JSON.stringify(v);
      parameters.set(k, prev && prev !== text ? `${prev} | ${text}` : text);
    }
  }
  // The step that actually ran (not a cache hit) holds the arguments that made the outputs.
  const args = new Map<string, string>();
  const ran = new Map<string, (typeof report.steps)[number]>();
  for (const s of report.steps) if (!ran.has(s.stepName) || (ran.get(s.stepName)!.cacheHit && !s.cacheHit)) ran.set(s.stepName, s);
  for (const [name, s] of ran) flatten(s.resolvedArguments ?? undefined, name, args);
  return { versions, datasets, code, parameters, args };
}

export function diffReports(a: AuditReport, b: AuditReport): ProvenanceDiff {
  const fa = facts(a);
  const fb = facts(b);
  const model = compare(new Map([['model', a.model.digest]]), new Map([['model', b.model.digest]]))[0]!;
  const result = {
    a: { modelArtifactId: a.model.id, digest: a.model.digest },
    b: { modelArtifactId: b.model.id, digest: b.model.digest },
    model,
    pipelineVersions: compare(fa.versions, fb.versions),
    datasets: compare(fa.datasets, fb.datasets),
    code: compare(fa.code, fb.code),
    parameters: compare(fa.parameters, fb.parameters),
    stepArguments: compare(fa.args, fb.args),
  };
  const identical = [
    result.model,
    ...result.pipelineVersions,
    ...result.datasets,
    ...result.code,
    ...result.parameters,
    ...result.stepArguments,
  ].every((e) => e.change === 'same');
  return { ...result, identical };
}

async function reportOf(store: GraphStore, ref: string, toolVersion: string): Promise<AuditReport> {
  const model = requireModel(await resolveModel(store, ref), ref);
  return buildAuditReport(store, { modelArtifactId: model.artifact.id, toolVersion });
}

export function registerDiffCommand(program: Command, setup: CommandSetup): void {
  setup(
    program
      .command('diff')
      .description(
        'What differs in the provenance of two models: datasets and their digests, code digests, parameters, step arguments, pipeline version.',
      )
      .argument('<modelA>', 'model package id, model artifact id, URI or path')
      .argument('<modelB>', 'model package id, model artifact id, URI or path')
      .option('--all', 'also list what is the same')
      .option('--json', 'print as JSON'),
    examples(['pedigree diff mp_0190…a mp_0190…b', 'pedigree diff ar_9c1e… ar_77d0… --json']),
  ).action(async (refA: string, refB: string, opts: { all?: boolean; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const client = connect(ctx);
    if (client) {
      // The model artifacts' reports from the server's report route, compared here as locally.
      const remoteReport = async (ref: string): Promise<AuditReport> => {
        const { artifact } = requireModel(await resolveModelRemote(client, ref), ref);
        return parseReportDocument((await fetchReport(client, artifact.id, 'json')).body).report as unknown as AuditReport;
      };
      return printDiff(await remoteReport(refA), await remoteReport(refB));
    }
    await withRuntime(ctx, async (runtime) => {
      printDiff(await reportOf(runtime.store, refA, ctx.toolVersion), await reportOf(runtime.store, refB, ctx.toolVersion));
    });

    function printDiff(a: AuditReport, b: AuditReport): void {
      const diff = diffReports(a, b);
      if (opts.json) return ctx.out.json(diff);
      const out = ctx.out;
      const s = out.style;
      out.line(`A: ${a.model.name} ${a.model.id} ${a.model.digest}`, `B: ${b.model.name} ${b.model.id} ${b.model.digest}`);
      if (diff.identical)
        out.line('', 'identical provenance: same model bytes, pipeline version, datasets, code, parameters and step arguments');
      const section = (title: string, entries: readonly DiffEntry[]): void => {
        const shown = opts.all ? entries : entries.filter((e) => e.change !== 'same');
        const same = entries.length - entries.filter((e) => e.change !== 'same').length;
        out.line('', `${title}: ${shown.length === 0 ? `no differences${same ? ` (${same} the same)` : ''}` : ''}`.trimEnd());
        for (const e of shown) {
          if (e.change === 'same') out.line(`  = ${e.key}: ${e.a}`);
          else if (e.change === 'changed') out.line(s.yellow(`  ~ ${e.key}: ${e.a} → ${e.b}`));
          else if (e.change === 'only-a') out.line(s.red(`  - ${e.key}: ${e.a} (only in A)`));
          else out.line(s.green(`  + ${e.key}: ${e.b} (only in B)`));
        }
      };
      section('model', [diff.model]);
      section('pipeline version', diff.pipelineVersions);
      section('datasets', diff.datasets);
      section('code', diff.code);
      section('parameters', diff.parameters);
      section('step arguments', diff.stepArguments);
    }
  });
}
