import type { LineageDirection, LineageEdge, LineageNode } from '@pedigree/domain';
import type { TraverseResult } from '@pedigree/graph-store';

/** One line describing a node: kind, label, status, id and (for artifacts) a short digest. */
export function nodeLine(n: LineageNode): string {
  const kind =
    n.type === 'Artifact'
      ? (n.artifactType ?? 'Artifact')
      : n.type === 'StepExecution'
        ? `Step${n.stepType ? `:${n.stepType}` : ''}`
        : n.type;
  const status = n.status ? ` ${n.status}` : n.approvalStatus ? ` ${n.approvalStatus}` : '';
  const digest = n.digest ? ` ${n.digest.slice(0, 19)}…` : '';
  return `[${kind}] ${n.label}${status}  ${n.id}${digest}`;
}

/**
 * The traversal as an indented tree from the start node: upstream children are what flowed into a
 * node, downstream children what it flowed into. A node reached again is printed once more with
 * "(see above)" and not expanded, so shared inputs do not repeat whole subtrees.
 */
export function formatTree(result: TraverseResult, startId: string, direction: LineageDirection): string[] {
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const start = byId.get(startId);
  if (!start) return ['(no lineage)'];
  const lines = [nodeLine(start)];
  const sections: ['UPSTREAM' | 'DOWNSTREAM', string][] =
    direction === 'BOTH'
      ? [
          ['UPSTREAM', 'upstream (what it came from)'],
          ['DOWNSTREAM', 'downstream (what came from it)'],
        ]
      : [[direction, '']];
  for (const [dir, title] of sections) {
    const children = childMap(result.edges, dir);
    const seen = new Set<string>([startId]);
    const body: string[] = [];
    walk(startId, '', children, byId, seen, body, RELATION[dir]);
    if (title) lines.push(`${title}:`, ...(body.length ? body : ['  (none)']));
    else lines.push(...body);
  }
  if (result.truncated) lines.push('(truncated: more nodes exist beyond the node limit; narrow with --depth)');
  return lines;
}

/** How a child relates to its parent in the tree, read from the parent: "produced by", "consumed by", ... */
const RELATION: Readonly<Record<'UPSTREAM' | 'DOWNSTREAM', Readonly<Record<string, string>>>> = {
  UPSTREAM: {
    PRODUCED: 'produced by',
    CONSUMED_BY: 'consumed',
    DERIVED_FROM: 'derived from',
    PACKAGED_AS: 'packages',
    REUSED: 'reused by',
    PART_OF: 'has part',
    RUN_OF: 'run',
    VERSION_OF: 'version',
    ASSOCIATED_WITH: 'member',
  },
  DOWNSTREAM: {
    PRODUCED: 'produced',
    CONSUMED_BY: 'consumed by',
    DERIVED_FROM: 'derived into',
    PACKAGED_AS: 'packaged as',
    REUSED: 'reused',
    PART_OF: 'part of',
    RUN_OF: 'run of',
    VERSION_OF: 'version of',
    ASSOCIATED_WITH: 'in context',
  },
};

function childMap(edges: readonly LineageEdge[], dir: 'UPSTREAM' | 'DOWNSTREAM'): Map<string, { id: string; type: string }[]> {
  const map = new Map<string, { id: string; type: string }[]>();
  for (const e of edges) {
    const [parent, child] = dir === 'UPSTREAM' ? [e.to, e.from] : [e.from, e.to];
    const list = map.get(parent) ?? [];
    list.push({ id: child, type: e.type });
    map.set(parent, list);
  }
  for (const list of map.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return map;
}

function walk(
  id: string,
  prefix: string,
  children: ReadonlyMap<string, readonly { id: string; type: string }[]>,
  byId: ReadonlyMap<string, LineageNode>,
  seen: Set<string>,
  out: string[],
  relation: Readonly<Record<string, string>>,
): void {
  const kids = (children.get(id) ?? []).filter((c) => byId.has(c.id));
  kids.forEach((c, i) => {
    const last = i === kids.length - 1;
    const node = byId.get(c.id)!;
    const again = seen.has(c.id);
    out.push(`${prefix}${last ? '└─' : '├─'} ${relation[c.type] ?? c.type} ${nodeLine(node)}${again ? ' (see above)' : ''}`);
    if (again) return;
    seen.add(c.id);
    walk(c.id, `${prefix}${last ? '   ' : '│  '}`, children, byId, seen, out, relation);
  });
}

/** Graphviz DOT, left to right along the data flow. */
export function formatDot(result: TraverseResult, startId: string): string {
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const n of [...result.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const shape = n.type === 'StepExecution' ? 'box' : n.type === 'Artifact' ? 'ellipse' : 'hexagon';
    const label = `${n.label}\\n${n.type === 'Artifact' ? (n.artifactType ?? 'Artifact') : n.type}${n.status ? ` ${n.status}` : ''}`;
    const extra = n.id === startId ? ', penwidth=2' : '';
    lines.push(`  ${q(n.id)} [label="${label.replace(/"/g, '\\"')}", shape=${shape}${extra}];`);
  }
  for (const e of sortedEdges(result.edges)) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.type)}];`);
  lines.push('}');
  return lines.join('\n');
}

/** A Mermaid flowchart (paste into Markdown). */
export function formatMermaid(result: TraverseResult): string {
  const nodes = [...result.nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const text = `${n.label} (${n.type === 'Artifact' ? (n.artifactType ?? 'Artifact') : n.type})`.replace(/"/g, '#quot;');
    const [open, close] = n.type === 'StepExecution' ? ['[', ']'] : n.type === 'Artifact' ? ['(', ')'] : ['{{', '}}'];
    lines.push(`  ${index.get(n.id)}${open}"${text}"${close}`);
  }
  for (const e of sortedEdges(result.edges)) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a && b) lines.push(`  ${a} -->|${e.type}| ${b}`);
  }
  return lines.join('\n');
}

function sortedEdges(edges: readonly LineageEdge[]): LineageEdge[] {
  return [...edges].sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : a.type < b.type ? -1 : 1,
  );
}
