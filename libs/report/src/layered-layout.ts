/**
 * A small layered (Sugiyama-style) layout for lineage graphs, left to right along the data flow:
 * 1. layers by longest path from the sources, so every edge points rightwards;
 * 2. order inside a layer by a few barycenter sweeps to reduce crossings, starting from id order;
 * 3. coordinates on a fixed grid, each layer centred vertically.
 * Pure and deterministic: the same nodes and edges give the same positions.
 */

export interface LayoutInputNode {
  readonly id: string;
}

export interface LayoutInputEdge {
  readonly from: string;
  readonly to: string;
}

export interface LayoutOptions {
  readonly nodeWidth?: number;
  readonly nodeHeight?: number;
  /** Horizontal gap between layers. */
  readonly layerGap?: number;
  /** Vertical gap between nodes of a layer. */
  readonly nodeGap?: number;
  readonly margin?: number;
  /** Barycenter sweeps (down and up count as one each). */
  readonly sweeps?: number;
}

export interface PositionedNode {
  readonly id: string;
  readonly layer: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PositionedEdge {
  readonly from: string;
  readonly to: string;
  /** Start point (right side of the source) and end point (left side of the target). */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PositionedNode[];
  readonly edges: readonly PositionedEdge[];
}

export function layeredLayout(nodes: readonly LayoutInputNode[], edges: readonly LayoutInputEdge[], options: LayoutOptions = {}): Layout {
  const w = options.nodeWidth ?? 200;
  const h = options.nodeHeight ?? 48;
  const layerGap = options.layerGap ?? 70;
  const nodeGap = options.nodeGap ?? 22;
  const margin = options.margin ?? 16;
  const sweeps = options.sweeps ?? 8;

  const ids = [...new Set(nodes.map((n) => n.id))].sort();
  const known = new Set(ids);
  const usable = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of usable) {
    incoming.get(e.to)!.push(e.from);
    outgoing.get(e.from)!.push(e.to);
  }

  const layerOf = assignLayers(ids, incoming, outgoing);
  const layerCount = Math.max(0, ...[...layerOf.values()].map((l) => l + 1));
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of ids) layers[layerOf.get(id)!]!.push(id);

  // Barycenter sweeps: place each node at the mean position of its neighbours in the previous layer.
  const position = new Map<string, number>();
  const renumber = (layer: readonly string[]): void => layer.forEach((id, i) => position.set(id, i));
  layers.forEach(renumber);
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    const down = sweep % 2 === 0;
    const order = down
      ? layers.map((_, i) => i).slice(1)
      : layers
          .map((_, i) => i)
          .reverse()
          .slice(1);
    for (const li of order) {
      const neighbours = down ? incoming : outgoing;
      const layer = layers[li]!;
      const key = new Map<string, number>();
      for (const id of layer) {
        const ns = neighbours.get(id)!.filter((n) => layerOf.get(n) === (down ? li - 1 : li + 1));
        key.set(id, ns.length === 0 ? position.get(id)! : ns.reduce((s, n) => s + position.get(n)!, 0) / ns.length);
      }
      layer.sort((a, b) => key.get(a)! - key.get(b)! || position.get(a)! - position.get(b)! || (a < b ? -1 : 1));
      renumber(layer);
    }
  }

  const tallest = Math.max(0, ...layers.map((l) => l.length));
  const height = margin * 2 + Math.max(h, tallest * h + (tallest - 1) * nodeGap);
  const width = margin * 2 + Math.max(w, layerCount * w + (layerCount - 1) * layerGap);
  const placed = new Map<string, PositionedNode>();
  layers.forEach((layer, li) => {
    const columnHeight = layer.length * h + (layer.length - 1) * nodeGap;
    const top = margin + (height - 2 * margin - columnHeight) / 2;
    layer.forEach((id, i) => {
      placed.set(id, { id, layer: li, x: margin + li * (w + layerGap), y: Math.round(top + i * (h + nodeGap)), width: w, height: h });
    });
  });

  const outNodes = ids.map((id) => placed.get(id)!);
  const outEdges = usable.map((e) => {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    return { from: e.from, to: e.to, x1: a.x + a.width, y1: a.y + a.height / 2, x2: b.x, y2: b.y + b.height / 2 };
  });
  return { width, height, nodes: outNodes, edges: outEdges };
}

/**
 * Longest-path layering from the sources (Kahn's order). Nodes on a cycle, which lineage should
 * never have, are placed one layer after their latest placed predecessor so layout still ends.
 */
function assignLayers(
  ids: readonly string[],
  incoming: ReadonlyMap<string, readonly string[]>,
  outgoing: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const remaining = new Map(ids.map((id) => [id, incoming.get(id)!.length]));
  const layer = new Map<string, number>();
  let queue = ids.filter((id) => remaining.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  for (;;) {
    while (queue.length > 0) {
      const next: string[] = [];
      for (const id of queue) {
        for (const to of outgoing.get(id)!) {
          layer.set(to, Math.max(layer.get(to) ?? 0, layer.get(id)! + 1));
          const left = remaining.get(to)! - 1;
          remaining.set(to, left);
          if (left === 0) next.push(to);
        }
      }
      queue = next.sort();
    }
    // Break a cycle at its first unplaced node in id order.
    const stuck = ids.find((id) => remaining.get(id)! > 0);
    if (stuck === undefined) break;
    remaining.set(stuck, 0);
    const preds = incoming.get(stuck)!.filter((p) => layer.has(p));
    layer.set(stuck, Math.max(layer.get(stuck) ?? 0, ...preds.map((p) => layer.get(p)! + 1)));
    queue = [stuck];
  }
  return layer;
}
