/** A graph as plain adjacency maps (Dagster's `Utils.tsx` shape): O(1) neighbour lookups. */
export interface Adjacency {
  readonly downstream: ReadonlyMap<string, readonly string[]>;
  readonly upstream: ReadonlyMap<string, readonly string[]>;
}

export function buildAdjacency(edges: readonly { source: string; target: string }[]): Adjacency {
  const downstream = new Map<string, string[]>();
  const upstream = new Map<string, string[]>();
  for (const { source, target } of edges) {
    const down = downstream.get(source);
    if (down) down.push(target);
    else downstream.set(source, [target]);
    const up = upstream.get(target);
    if (up) up.push(source);
    else upstream.set(target, [source]);
  }
  return { downstream, upstream };
}

/** Node ids on any directed path from `from` to `to` (both included); empty when none exists. */
export function nodesBetween(adjacency: Adjacency, from: string, to: string): Set<string> {
  const reach = (start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> => {
    const seen = new Set([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i += 1) {
      for (const n of next.get(queue[i] as string) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return seen;
  };
  const forward = reach(from, adjacency.downstream);
  if (!forward.has(to)) return new Set();
  const backward = reach(to, adjacency.upstream);
  return new Set([...forward].filter((id) => backward.has(id)));
}
