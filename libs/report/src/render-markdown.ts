import { prettyCanonicalJson, reportDigest } from './render-json.ts';
import { formatBytes, formatDuration, formatParameters, formatTime, reportTitle, STEP_KIND_LABEL } from './format.ts';
import type { AuditReport, ReportArtifact, ReportLineageNode, ReportStep } from './report-types.ts';

/**
 * The report as Markdown with a Mermaid lineage diagram. Deterministic: derived from the report
 * only, so the same store state gives byte-identical Markdown. It quotes the JSON report's
 * sha256, which `pedigree verify` checks against the JSON document.
 */
export function renderMarkdown(report: AuditReport): string {
  const out: string[] = [];
  const artifactById = new Map(report.artifacts.map((a) => [a.id, a]));
  const m = report.model;

  out.push(`# Audit report: ${text(reportTitle(report))}`, '');
  out.push(
    `Lineage audit of the model artifact \`${m.id}\`, produced by Pedigree ${text(report.toolVersion)}. ` +
      'It lists every dataset, piece of code and processing step the model was built from, as recorded when they ran.',
    '',
  );
  out.push(`- Report sha256: \`${reportDigest(report)}\` (over the canonical JSON of the report; check it with \`pedigree verify\`)`);
  if (report.truncated) out.push('- **Incomplete:** the lineage was larger than the traversal budget; some upstream nodes are missing.');
  out.push('');

  out.push('## Model', '');
  out.push(
    table(
      ['Field', 'Value'],
      [
        ['Name', text(m.name)],
        ['Artifact id', code(m.id)],
        ['Type', m.type],
        ['URI', code(m.uri)],
        ['Digest', code(m.digest)],
        ['Size', `${formatBytes(m.size)} (${m.size} bytes)`],
        ['Recorded', formatTime(m.createdAt)],
      ],
    ),
    '',
  );

  out.push('## Model registry', '');
  if (report.registry.length === 0) out.push('The model is not registered as a model package.', '');
  for (const p of report.registry) {
    const subject = report.subject.modelPackageId === p.id ? ' (subject of this report)' : '';
    out.push(`### ${text(p.group)} version ${p.version}${subject}`, '');
    out.push(`- Package id: ${code(p.id)}`, `- Approval status: **${p.approvalStatus}**`, `- Registered: ${formatTime(p.createdAt)}`);
    if (p.description) out.push(`- Description: ${text(p.description)}`);
    const metricKeys = Object.keys(p.metrics).sort();
    if (metricKeys.length > 0)
      out.push(`- Metrics: ${metricKeys.map((k) => `${text(k)} = ${text(JSON.stringify(p.metrics[k]))}`).join(', ')}`);
    out.push('', '#### Approval history', '');
    out.push(
      table(
        ['When', 'Who', 'Status', 'Comment'],
        p.approvals.map((a) => [formatTime(a.at), text(a.by), a.status, a.comment === null ? '-' : text(a.comment)]),
      ),
      '',
    );
  }

  out.push('## Pipeline', '');
  out.push(
    table(
      ['Pipeline', 'Version', 'Definition hash', 'Version id'],
      report.pipelineVersions.map((v) => [text(v.pipelineName), String(v.version), code(v.definitionHash), code(v.id)]),
    ),
    '',
  );

  out.push('## Executions', '');
  out.push(
    table(
      ['Execution', 'Pipeline', 'Status', 'Started', 'Duration', 'Started by', 'Parameters'],
      report.executions.map((e) => [
        code(e.id),
        text(e.pipelineName),
        e.status,
        formatTime(e.startedAt),
        formatDuration(e.durationMs),
        e.createdBy === null ? '-' : text(e.createdBy),
        text(formatParameters(e.parameters)),
      ]),
    ),
    '',
  );

  out.push('## Datasets', '');
  out.push(
    report.datasets.length === 0
      ? 'No upstream datasets were recorded.'
      : table(
          ['Dataset', 'URI', 'Digest', 'Size', 'Hops to model'],
          report.datasets.map((d) => [text(d.name), code(d.uri), code(d.digest), formatBytes(d.size), String(d.depth)]),
        ),
    '',
  );

  out.push('## Code', '');
  out.push(
    report.code.length === 0
      ? 'No code files were recorded for the steps (steps run before code was recorded as artifacts keep their code digests in their cache keys only).'
      : table(
          ['Source file', 'Role', 'Digest', 'Used by', 'Location'],
          report.code.map((c) => [
            code(c.export ? `${c.name}#${c.export}` : c.name),
            c.role ?? '-',
            code(c.digest),
            text(c.steps.join(', ') || '-'),
            code(c.uri),
          ]),
        ),
    '',
  );

  out.push('## Steps', '');
  for (const s of report.steps) out.push(...stepSection(s, artifactById), '');

  out.push('## Lineage diagram', '');
  out.push('Data flows from left to right: datasets and code into steps, steps into the artifacts they produced.', '');
  out.push('```mermaid', mermaid(report), '```', '');

  out.push('## All artifacts', '');
  out.push(
    table(
      ['Artifact', 'Type', 'URI', 'Digest', 'Size', 'Id'],
      report.artifacts.map((a) => [text(a.name), a.type, code(a.uri), code(a.digest), formatBytes(a.size), code(a.id)]),
    ),
    '',
  );
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function stepSection(s: ReportStep, artifactById: ReadonlyMap<string, ReportArtifact>): string[] {
  const out: string[] = [`### ${text(s.stepName)} (${code(s.id)})`, ''];
  out.push(
    `- Kind: ${STEP_KIND_LABEL[s.stepType] ?? s.stepType}`,
    `- Execution: ${code(s.executionId)}`,
    `- Status: **${s.status}**, attempt ${s.attempt}`,
    `- Started ${formatTime(s.startedAt)}, ended ${formatTime(s.endedAt)}, took ${formatDuration(s.durationMs)}`,
  );
  if (s.cacheHit) {
    const from = s.reusedStepExecutionId ? ` from step execution ${code(s.reusedStepExecutionId)}` : '';
    const ex = s.reusedFromExecutionId ? ` of execution ${code(s.reusedFromExecutionId)}` : '';
    out.push(`- Served from cache: reused the outputs${from}${ex}`);
  } else {
    out.push('- Served from cache: no (ran)');
  }
  if (s.cacheKey) out.push(`- Cache key: ${code(s.cacheKey)}`);
  if (s.failureReason) out.push(`- Failure: ${text(s.failureReason)}`);
  const channel = (c: { name: string; artifactId: string }): string => {
    const a = artifactById.get(c.artifactId);
    return a ? `${text(c.name)}: ${text(a.name)} ${code(a.digest)}` : `${text(c.name)}: ${code(c.artifactId)}`;
  };
  out.push(`- Inputs: ${s.inputs.length === 0 ? '(none)' : s.inputs.map(channel).join('; ')}`);
  out.push(`- Outputs: ${s.outputs.length === 0 ? '(none)' : s.outputs.map(channel).join('; ')}`);
  if (s.attempts.length > 1) {
    out.push(
      '',
      table(
        ['Attempt', 'Status', 'Started', 'Ended', 'Failure'],
        s.attempts.map((a) => [
          String(a.attempt),
          a.status,
          formatTime(a.startedAt),
          formatTime(a.endedAt),
          a.failureReason === null ? '-' : text(a.failureReason),
        ]),
      ),
    );
  }
  if (s.resolvedArguments !== null) {
    out.push('', 'Resolved arguments:', '', '```json', prettyCanonicalJson(s.resolvedArguments), '```');
  }
  return out;
}

/** A Mermaid flowchart of the lineage graph; node ids are positional (`n0`, `n1`, ...) in id order. */
export function mermaid(report: AuditReport): string {
  const index = new Map(report.lineage.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of report.lineage.nodes) {
    const [open, close] = shape(n);
    lines.push(`  ${index.get(n.id)}${open}"${mermaidText(nodeCaption(n))}"${close}`);
  }
  // Reuse edges are left out: Mermaid would rank by them and draw the data flow as one long line;
  // cached steps are marked in their label and class instead.
  for (const e of report.lineage.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || e.type === 'REUSED') continue;
    lines.push(`  ${from} --> ${to}`);
  }
  lines.push('  classDef dataset fill:#e3f2fd,stroke:#1565c0', '  classDef model fill:#e8f5e9,stroke:#2e7d32');
  lines.push('  classDef step fill:#fff8e1,stroke:#f9a825', '  classDef cached fill:#f3e5f5,stroke:#6a1b9a,stroke-dasharray:4 2');
  lines.push('  classDef package fill:#fce4ec,stroke:#ad1457', '  classDef other fill:#f5f5f5,stroke:#616161');
  for (const n of report.lineage.nodes) lines.push(`  class ${index.get(n.id)} ${nodeClass(n)}`);
  return lines.join('\n');
}

export function nodeCaption(n: ReportLineageNode): string {
  if (n.type === 'StepExecution') return `${n.label}${n.cacheHit ? ' (cached)' : ''}`;
  if (n.type === 'Artifact') return `${n.label} [${n.artifactType ?? 'Artifact'}]`;
  if (n.type === 'ModelPackage') return `${n.label} (${n.status ?? ''})`;
  return n.label;
}

export function nodeClass(n: ReportLineageNode): 'dataset' | 'model' | 'step' | 'cached' | 'package' | 'other' {
  if (n.type === 'StepExecution') return n.cacheHit ? 'cached' : 'step';
  if (n.type === 'ModelPackage') return 'package';
  if (n.type === 'Artifact' && n.artifactType === 'DataSet') return 'dataset';
  if (n.type === 'Artifact' && n.artifactType === 'Model') return 'model';
  return 'other';
}

function shape(n: ReportLineageNode): [string, string] {
  if (n.type === 'StepExecution') return ['[', ']'];
  if (n.type === 'ModelPackage') return ['{{', '}}'];
  return ['(', ')'];
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
}

/** Text in a Markdown table cell or line: no pipes or newlines that would break the table. */
function text(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([*_<>[\]])/g, '\\$1');
}

function code(s: string): string {
  const clean = s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
