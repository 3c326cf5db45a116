/** Glyphs for step types and lineage node kinds, shown beside their names in graphs and lists. */
const STEP_ICONS: Readonly<Record<string, string>> = {
  processing: '⚙',
  training: '◆',
  evaluation: '▣',
  condition: '◇',
  fail: '⊘',
  'register-model': '⬢',
  callback: '↩',
};

const NODE_ICONS: Readonly<Record<string, string>> = {
  DataSet: '▤',
  Model: '◆',
  Metrics: '▣',
  Code: '⌘',
  Image: '▦',
  Report: '▧',
  Other: '◦',
  StepExecution: '⚙',
  PipelineExecution: '▶',
  PipelineVersion: '⎇',
  Pipeline: '☰',
  ModelPackage: '⬢',
  Context: '◎',
  OpenLineageRun: '✦',
};

export function stepIcon(type: string): string {
  return STEP_ICONS[type] ?? '•';
}

export function nodeIcon(kind: string): string {
  return NODE_ICONS[kind] ?? STEP_ICONS[kind] ?? '•';
}
