import { formatBytes, formatDuration, formatParameters, formatTime, reportTitle, shortDigest, STEP_KIND_LABEL } from './format.ts';
import { layeredLayout } from './layered-layout.ts';
import { prettyCanonicalJson, reportDigest } from './render-json.ts';
import { nodeClass } from './render-markdown.ts';
import type { AuditReport, ReportArtifact, ReportLineageNode, ReportStep } from './report-types.ts';

/**
 * The report as one self-contained HTML page: inline CSS and an inline SVG lineage diagram, no
 * scripts, fonts, images or links to other origins, so it can be archived, mailed and printed.
 * Written for a reader who has never heard of Pedigree. Deterministic like the other renderers.
 */
export function renderHtml(report: AuditReport): string {
  const m = report.model;
  const artifactById = new Map(report.artifacts.map((a) => [a.id, a]));
  const sha = reportDigest(report);
  const approved = report.registry.some((p) => p.approvalStatus === 'Approved');
  const cachedSteps = report.steps.filter((s) => s.cacheHit).length;

  const body: string[] = [];
  body.push(`<header><p class="kicker">Model lineage audit report</p><h1>${esc(reportTitle(report))}</h1>`);
  body.push(
    `<p class="lead">This report describes where the machine-learning model <strong>${esc(m.name)}</strong> came from: ` +
      'which data it was trained on, which code processed that data, which steps ran and when, and who approved the model for use. ' +
      'Every file is identified by a <em>digest</em> (a SHA-256 fingerprint of its exact bytes), so anyone can check later that ' +
      'the files have not changed since the model was built.</p></header>',
  );

  body.push('<section class="summary"><h2>At a glance</h2><dl>');
  body.push(dt('Model file', `${esc(m.uri)}<br><span class="mono">${esc(m.digest)}</span>`));
  body.push(dt('Size', `${esc(formatBytes(m.size))} (${m.size} bytes)`));
  body.push(
    dt(
      'Registry status',
      report.registry.length === 0
        ? 'Not registered in a model registry'
        : report.registry.map((p) => `${esc(p.group)} v${p.version}: ${badge(p.approvalStatus)}`).join('<br>'),
    ),
  );
  body.push(dt('Training data', `${report.datasets.length} dataset${report.datasets.length === 1 ? '' : 's'}`));
  body.push(
    dt(
      'Pipeline runs',
      `${report.executions.length} run${report.executions.length === 1 ? '' : 's'}, ${report.steps.length} step executions (${cachedSteps} reused from cache)`,
    ),
  );
  body.push(
    dt('Pipeline', report.pipelineVersions.map((v) => `${esc(v.pipelineName)} version ${v.version}`).join('<br>') || 'None recorded'),
  );
  body.push(dt('Produced by', `Pedigree ${esc(report.toolVersion)}`));
  body.push('</dl>');
  if (report.truncated) {
    body.push(
      '<p class="warn">This lineage was larger than the query budget, so the report is incomplete: some upstream items are missing.</p>',
    );
  }
  if (report.registry.length > 0 && !approved) {
    body.push('<p class="warn">No package of this model is approved for use.</p>');
  }
  body.push('</section>');

  body.push('<section><h2>How the model was made</h2>');
  body.push(
    '<p>Read the diagram from left to right. Blue boxes are datasets, yellow boxes are processing steps, green boxes are models, ' +
      'pink boxes are registry entries. A dashed purple step was not re-run: its result was reused from an identical earlier run ' +
      '(a <em>cache hit</em>), which is safe because its inputs, code and settings were byte-for-byte the same.</p>',
  );
  body.push(`<div class="diagram">${svgDiagram(report)}</div></section>`);

  body.push('<section><h2>Model registry and approvals</h2>');
  if (report.registry.length === 0) body.push('<p>The model has not been registered, so it has no approval history.</p>');
  for (const p of report.registry) {
    const subject = report.subject.modelPackageId === p.id ? ' <span class="note">(the package this report was requested for)</span>' : '';
    body.push(`<h3>${esc(p.group)}, version ${p.version}${subject}</h3>`);
    body.push(
      `<p>Current status: ${badge(p.approvalStatus)}. Registered ${esc(formatTime(p.createdAt))}. Package id <span class="mono">${esc(p.id)}</span>.</p>`,
    );
    if (p.description) body.push(`<p>${esc(p.description)}</p>`);
    const metricKeys = Object.keys(p.metrics).sort();
    if (metricKeys.length > 0) {
      body.push(
        table(
          ['Metric', 'Value'],
          metricKeys.map((k) => [esc(k), esc(JSON.stringify(p.metrics[k]))]),
        ),
      );
    }
    body.push('<h4>Approval history (oldest first)</h4>');
    body.push(
      table(
        ['When', 'Who', 'Decision', 'Comment'],
        p.approvals.map((a) => [
          esc(formatTime(a.at)),
          esc(a.by),
          badge(a.status),
          a.comment === null ? '<span class="muted">none</span>' : esc(a.comment),
        ]),
      ),
    );
  }
  body.push('</section>');

  body.push('<section><h2>Training and evaluation data</h2>');
  body.push('<p>Every dataset upstream of the model. "Hops" counts the links between the dataset and the model in the diagram.</p>');
  body.push(
    report.datasets.length === 0
      ? '<p>No datasets were recorded.</p>'
      : table(
          ['Dataset', 'Location', 'Digest (SHA-256)', 'Size', 'Hops'],
          report.datasets.map((d) => [esc(d.name), mono(d.uri), mono(d.digest), esc(formatBytes(d.size)), String(d.depth)]),
        ),
  );
  body.push('</section>');

  body.push('<section><h2>Code</h2>');
  body.push(
    '<p>The source files the steps ran, with the fingerprint of their exact contents at the time: the handler module a step ran, ' +
      'the project files it imports, or the files a command names.</p>',
  );
  body.push(
    report.code.length === 0
      ? '<p>No code files were recorded for the steps.</p>'
      : table(
          ['Source file', 'Role', 'Digest (SHA-256)', 'Used by', 'Location'],
          report.code.map((c) => [
            mono(c.export ? `${c.name}#${c.export}` : c.name),
            esc(c.role ?? '-'),
            mono(c.digest),
            esc(c.steps.join(', ') || '-'),
            mono(c.uri),
          ]),
        ),
  );
  body.push('</section>');

  body.push('<section><h2>Pipeline and runs</h2>');
  body.push('<p>A pipeline is the recipe; a run (execution) is one use of it with concrete parameter values.</p>');
  body.push(
    table(
      ['Pipeline', 'Version', 'Definition hash'],
      report.pipelineVersions.map((v) => [esc(v.pipelineName), String(v.version), mono(v.definitionHash)]),
    ),
  );
  body.push(
    table(
      ['Run', 'Status', 'Started', 'Duration', 'Started by', 'Parameters'],
      report.executions.map((e) => [
        mono(e.id),
        esc(e.status),
        esc(formatTime(e.startedAt)),
        esc(formatDuration(e.durationMs)),
        e.createdBy === null ? '-' : esc(e.createdBy),
        esc(formatParameters(e.parameters)),
      ]),
    ),
  );
  body.push('</section>');

  body.push('<section><h2>Steps</h2>');
  for (const s of report.steps) body.push(stepHtml(s, artifactById));
  body.push('</section>');

  body.push('<section><h2>All files referenced</h2>');
  body.push(
    table(
      ['Name', 'Kind', 'Location', 'Digest (SHA-256)', 'Size'],
      report.artifacts.map((a) => [esc(a.name), esc(a.type), mono(a.uri), mono(a.digest), esc(formatBytes(a.size))]),
    ),
  );
  body.push('</section>');

  body.push('<section><h2>Checking this report</h2>');
  body.push(
    `<p>The machine-readable version of this report (JSON) carries the fingerprint <span class="mono">${esc(sha)}</span>, ` +
      'computed over its content. Running <span class="mono">pedigree verify report.json</span> recomputes that fingerprint, ' +
      'so any edit to the report is detected, and then re-reads every file listed above that is still reachable and says, per file, ' +
      'whether it is unchanged, changed or missing.</p>',
  );
  body.push('</section>');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Audit report: ${esc(reportTitle(report))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    `<footer>Pedigree ${esc(report.toolVersion)} · report ${esc(shortDigest(sha))} · model ${esc(m.id)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function stepHtml(s: ReportStep, artifactById: ReadonlyMap<string, ReportArtifact>): string {
  const channel = (c: { name: string; artifactId: string }): string => {
    const a = artifactById.get(c.artifactId);
    return a
      ? `${esc(c.name)}: ${esc(a.name)} <span class="mono">${esc(shortDigest(a.digest))}</span>`
      : `${esc(c.name)}: ${mono(c.artifactId)}`;
  };
  const cache = s.cacheHit
    ? `Reused from cache${s.reusedStepExecutionId ? ` (outputs of step execution <span class="mono">${esc(s.reusedStepExecutionId)}</span>` : ''}${
        s.reusedFromExecutionId ? ` in run <span class="mono">${esc(s.reusedFromExecutionId)}</span>)` : s.reusedStepExecutionId ? ')' : ''
      }`
    : 'Ran (not from cache)';
  const rows: [string, string][] = [
    ['What it does', esc(STEP_KIND_LABEL[s.stepType] ?? s.stepType)],
    ['Run', mono(s.executionId)],
    ['Status', `${badge(s.status)} after ${s.attempt} attempt${s.attempt === 1 ? '' : 's'}`],
    ['Timing', `${esc(formatTime(s.startedAt))} to ${esc(formatTime(s.endedAt))} (${esc(formatDuration(s.durationMs))})`],
    ['Cache', cache],
    ['Inputs', s.inputs.length === 0 ? 'none' : s.inputs.map(channel).join('<br>')],
    ['Outputs', s.outputs.length === 0 ? 'none' : s.outputs.map(channel).join('<br>')],
  ];
  if (s.cacheKey) rows.push(['Cache key', mono(s.cacheKey)]);
  if (s.failureReason) rows.push(['Failure', esc(s.failureReason)]);
  const parts = [`<article class="step"><h3>${esc(s.stepName)} <span class="muted mono">${esc(s.id)}</span></h3>`];
  parts.push(
    `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`,
  );
  if (s.attempts.length > 1) {
    parts.push(
      table(
        ['Attempt', 'Status', 'Started', 'Ended', 'Failure'],
        s.attempts.map((a) => [
          String(a.attempt),
          esc(a.status),
          esc(formatTime(a.startedAt)),
          esc(formatTime(a.endedAt)),
          esc(a.failureReason ?? '-'),
        ]),
      ),
    );
  }
  if (s.resolvedArguments !== null) {
    parts.push(
      `<details open><summary>Resolved arguments (exact values the step ran with)</summary><pre>${esc(prettyCanonicalJson(s.resolvedArguments))}</pre></details>`,
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

const NODE_W = 210;
const NODE_H = 46;

/** The lineage graph as inline SVG, laid out by `layeredLayout`. No xmlns: inline SVG in HTML needs none, and it would be a URL. */
export function svgDiagram(report: AuditReport): string {
  const nodes = report.lineage.nodes;
  if (nodes.length === 0) return '<p>No lineage recorded.</p>';
  // Reuse edges (a cache hit pointing at the run it reused) say nothing about data flow: they are
  // left out of the layering, so a cached step sits beside the step it reused, and drawn after.
  const flow = report.lineage.edges.filter((e) => e.type !== 'REUSED');
  const layout = layeredLayout(nodes, flow, { nodeWidth: NODE_W, nodeHeight: NODE_H, nodeGap: 26, layerGap: 80 });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Map(layout.nodes.map((p) => [p.id, p]));
  const reuse = report.lineage.edges.filter((e) => e.type === 'REUSED' && placed.has(e.from) && placed.has(e.to));
  const width = layout.width + (reuse.length > 0 ? 40 : 0);
  const parts: string[] = [
    `<svg class="lineage" role="img" aria-label="Lineage diagram of ${esc(report.model.name)}" viewBox="0 0 ${width} ${layout.height}" width="${width}" height="${layout.height}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  ];
  for (const e of layout.edges) {
    const dx = Math.max(24, (e.x2 - e.x1) / 2);
    parts.push(
      `<path class="edge" d="M${e.x1},${e.y1} C${e.x1 + dx},${e.y1} ${e.x2 - dx},${e.y2} ${e.x2},${e.y2}" fill="none" stroke="#777" stroke-width="1.4" marker-end="url(#arrow)"/>`,
    );
  }
  for (const e of reuse) {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    const [x1, y1, x2, y2] = [a.x + a.width, a.y + a.height / 2, b.x + b.width, b.y + b.height / 2];
    const bulge = Math.max(x1, x2) + 34;
    parts.push(
      `<path class="edge reused" d="M${x1},${y1} C${bulge},${y1} ${bulge},${y2} ${x2},${y2}" fill="none" stroke="#6a1b9a" stroke-width="1.2" stroke-dasharray="5 3" marker-end="url(#arrow)"><title>reused the outputs of this run</title></path>`,
    );
  }
  for (const p of layout.nodes) {
    const n = byId.get(p.id)!;
    const cls = nodeClass(n);
    const [title, sub] = captions(n);
    const rx = n.type === 'StepExecution' ? 3 : 14;
    parts.push(
      `<g class="node ${cls}" data-id="${esc(p.id)}"><title>${esc(`${title}\n${p.id}${n.digest ? `\n${n.digest}` : ''}`)}</title>` +
        `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="${rx}"/>` +
        `<text x="${p.x + 10}" y="${p.y + 19}" class="t1">${esc(clip(title, 28))}</text>` +
        `<text x="${p.x + 10}" y="${p.y + 36}" class="t2">${esc(clip(sub, 34))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function captions(n: ReportLineageNode): [string, string] {
  switch (n.type) {
    case 'StepExecution':
      return [n.label, `step${n.cacheHit ? ' · reused from cache' : ''}${n.status ? ` · ${n.status}` : ''}`];
    case 'ModelPackage':
      return [n.label, `registry · ${n.status ?? ''}`];
    case 'Artifact':
      return [n.label, `${n.artifactType ?? 'artifact'} · ${shortDigest(n.digest)}`];
    default:
      return [n.label, n.type];
  }
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function mono(s: string): string {
  return `<span class="mono">${esc(s)}</span>`;
}

function badge(status: string): string {
  const tone = /Approved|Succeeded|Cached/.test(status) ? 'ok' : /Rejected|Failed|Stopped/.test(status) ? 'bad' : 'pending';
  return `<span class="badge ${tone}">${esc(status)}</span>`;
}

function dt(term: string, value: string): string {
  return `<dt>${esc(term)}</dt><dd>${value}</dd>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  );
}

const CSS = `
:root { --fg: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; --bg-soft: #f6f6f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 28px; margin: 4px 0 12px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
h4 { font-size: 14px; margin: 16px 0 6px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: 12px; margin: 0; }
.lead { font-size: 16px; max-width: 60em; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
.muted { color: var(--muted); font-weight: normal; }
.note { color: var(--muted); font-size: 13px; font-weight: normal; }
.warn { background: #fff4e5; border-left: 4px solid #ef6c00; padding: 8px 12px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
table.kv th { width: 9em; background: var(--bg-soft); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; }
.badge.ok { background: #e8f5e9; color: #1b5e20; }
.badge.bad { background: #ffebee; color: #b71c1c; }
.badge.pending { background: #fff8e1; color: #8d6e00; }
.step { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 8px; margin: 12px 0; }
pre { background: var(--bg-soft); padding: 10px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
svg.lineage { display: block; max-width: none; font-family: system-ui, sans-serif; }
svg .node rect { stroke-width: 1.5; }
svg .dataset rect { fill: #e3f2fd; stroke: #1565c0; }
svg .model rect { fill: #e8f5e9; stroke: #2e7d32; }
svg .step rect { fill: #fff8e1; stroke: #f9a825; }
svg .cached rect { fill: #f3e5f5; stroke: #6a1b9a; stroke-dasharray: 5 3; }
svg .package rect { fill: #fce4ec; stroke: #ad1457; }
svg .other rect { fill: #f5f5f5; stroke: #616161; }
svg .t1 { font-size: 13px; font-weight: 600; fill: #1d1d1f; }
svg .t2 { font-size: 11px; fill: #55555a; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .step, table, .diagram, dl { break-inside: avoid; }
  .diagram { overflow: visible; border: none; }
  svg.lineage { max-width: 100%; height: auto; }
  details > summary { display: none; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 16mm 14mm; }
`;
