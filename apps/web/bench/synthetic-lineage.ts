// A deterministic synthetic lineage graph shaped like real ones: layers of artifacts and step
// executions alternating, each node fed by the layer before, plus extra cross edges.
import type { LineageQuery } from '../src/gql/graphql.ts';

type Graph = LineageQuery['lineage'];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticLineage(nodeCount: number, edgeCount: number, layers = 20): Graph {
  const random = prng(42);
  const perLayer = Math.ceil(nodeCount / layers);
  const byLayer: string[][] = [];
  const nodes: Graph['nodes'] = [];
  for (let i = 0; i < nodeCount; i += 1) {
    const layer = Math.floor(i / perLayer);
    const id = i === 0 ? 'ar_root' : `${layer % 2 === 0 ? 'ar' : 'se'}_${i.toString(16).padStart(8, '0')}`;
    (byLayer[layer] ??= []).push(id);
    const artifact = layer % 2 === 0;
    nodes.push({
      id,
      type: artifact ? 'Artifact' : 'StepExecution',
      label: artifact ? `dataset-${i}.parquet` : `Step${i}`,
      depth: layer,
      status: artifact ? null : 'Succeeded',
      artifactType: artifact ? (layer === layers - 2 ? 'Model' : 'DataSet') : null,
      stepType: artifact ? null : 'processing',
      approvalStatus: null,
      contextType: null,
      digest: artifact ? `sha256:${(i * 2654435761).toString(16).padStart(12, '0')}` : null,
      uri: artifact ? `pedigree://synthetic/${i}` : null,
      createdAt: null,
      executionId: null,
      pipelineName: null,
      version: null,
    });
  }
  const edges: Graph['edges'] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, type: 'PRODUCED' | 'CONSUMED_BY') => {
    const key = `${from}>${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ from, to, type });
    return true;
  };
  const typeInto = (layer: number) => (layer % 2 === 0 ? 'PRODUCED' : 'CONSUMED_BY');
  for (let layer = 1; layer < byLayer.length; layer += 1) {
    const previous = byLayer[layer - 1] ?? [];
    for (const id of byLayer[layer] ?? []) add(previous[Math.floor(random() * previous.length)] as string, id, typeInto(layer));
  }
  while (edges.length < edgeCount) {
    const layer = 1 + Math.floor(random() * (byLayer.length - 1));
    const from = byLayer[layer - 1]?.[Math.floor(random() * (byLayer[layer - 1]?.length ?? 1))];
    const to = byLayer[layer]?.[Math.floor(random() * (byLayer[layer]?.length ?? 1))];
    if (from && to) add(from, to, typeInto(layer));
  }
  return { truncated: false, nodes, edges };
}
