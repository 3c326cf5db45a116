// A quick layered layout (longest-path layers, barycenter ordering) for large graphs: a first
// picture in a few milliseconds while ELK's better layout is computed in its worker. Linear in the
// edges per sweep; no crossing minimisation beyond the sweeps.
import type { LayoutInput, LayoutResult } from './layout.ts';

const LAYER_GAP = 56;
const NODE_GAP = 16;
const SWEEPS = 4;

export function fastLayeredLayout(input: LayoutInput): LayoutResult {
  const ids = input.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const outgoing: number[][] = ids.map(() => []);
  const incoming: number[][] = ids.map(() => []);
  for (const e of input.edges) {
    const from = index.get(e.source);
    const to = index.get(e.target);
    if (from === undefined || to === undefined || from === to) continue;
    outgoing[from]?.push(to);
    incoming[to]?.push(from);
  }

  // Longest-path layering over a DFS order; back edges (cycles) are ignored.
  const layer = new Array<number>(ids.length).fill(0);
  const state = new Uint8Array(ids.length);
  const order: number[] = [];
  for (let start = 0; start < ids.length; start += 1) {
    if (state[start]) continue;
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [node, next] = top;
      const targets = outgoing[node] ?? [];
      if (next < targets.length) {
        top[1] += 1;
        const target = targets[next] as number;
        if (!state[target]) {
          state[target] = 1;
          stack.push([target, 0]);
        }
      } else {
        state[node] = 2;
        order.push(node);
        stack.pop();
      }
    }
  }
  order.reverse();
  const position = new Map(order.map((n, i) => [n, i]));
  for (const node of order) {
    for (const target of outgoing[node] ?? []) {
      if ((position.get(target) ?? 0) > (position.get(node) ?? 0)) layer[target] = Math.max(layer[target] ?? 0, (layer[node] ?? 0) + 1);
    }
  }

  const layers: number[][] = [];
  for (const node of order) (layers[layer[node] ?? 0] ??= []).push(node);
  const rank = new Float64Array(ids.length);
  const reindex = (nodes: number[]) => nodes.forEach((n, i) => (rank[n] = i));
  layers.forEach((nodes) => reindex(nodes));
  const barycenter = (node: number, neighbours: number[]) => {
    if (neighbours.length === 0) return rank[node] ?? 0;
    let sum = 0;
    for (const n of neighbours) sum += rank[n] ?? 0;
    return sum / neighbours.length;
  };
  for (let sweep = 0; sweep < SWEEPS; sweep += 1) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const nodes of sequence) {
      const keys = new Map(nodes.map((n) => [n, barycenter(n, (down ? incoming[n] : outgoing[n]) ?? [])]));
      nodes.sort((a, b) => (keys.get(a) ?? 0) - (keys.get(b) ?? 0));
      reindex(nodes);
    }
  }

  const width = Math.max(...input.nodes.map((n) => n.width), 1);
  const height = Math.max(...input.nodes.map((n) => n.height), 1);
  const tallest = Math.max(...layers.map((nodes) => nodes.length), 1);
  const horizontal = input.direction === 'RIGHT';
  const span = tallest * ((horizontal ? height : width) + NODE_GAP);
  const positions: Record<string, { x: number; y: number }> = {};
  layers.forEach((nodes, l) => {
    const offset = (span - nodes.length * ((horizontal ? height : width) + NODE_GAP)) / 2;
    nodes.forEach((n, i) => {
      const along = l * ((horizontal ? width : height) + LAYER_GAP);
      const across = offset + i * ((horizontal ? height : width) + NODE_GAP);
      const id = ids[n] as string;
      positions[id] = horizontal ? { x: along, y: across } : { x: across, y: along };
    });
  });
  const depth = layers.length * ((horizontal ? width : height) + LAYER_GAP);
  return { positions, width: horizontal ? depth : span, height: horizontal ? span : depth };
}
