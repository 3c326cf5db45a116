import { useMemo } from 'react';
import { graphql } from '../gql/gql.ts';
import type { PipelineDagGraphFragment } from '../gql/graphql.ts';
import { stepIcon } from '../step-types.ts';
import { GraphCanvas, type CanvasEdge, type CanvasNode } from './GraphCanvas.tsx';

// Cost: the DAG is derived from the stored definition; cheap (no store traversal).
export const PipelineDagGraphFragmentDoc = graphql(`
  fragment PipelineDagGraph on PipelineDag {
    nodes {
      name
      type
      order
      branch
      condition
      displayName
      description
    }
    edges {
      from
      to
      kind
    }
  }
`);

interface PipelineDagGraphProps {
  readonly dag: PipelineDagGraphFragment;
  /** Step statuses by step name; omitted for a definition that has not run. */
  readonly statuses?: Readonly<Record<string, string | undefined>>;
  readonly selected?: string | null;
  readonly onSelect?: (step: string) => void;
  readonly height?: number;
}

/** A pipeline's steps left to right; condition branches are dashed and labelled "if" / "else". */
export function PipelineDagGraph({ dag, statuses, selected, onSelect, height = 340 }: PipelineDagGraphProps) {
  const nodes = useMemo<CanvasNode[]>(
    () =>
      dag.nodes.map((n) => ({
        id: n.name,
        data: {
          title: n.displayName ?? n.name,
          subtitle: n.displayName ? n.name : (n.description ?? null),
          kind: n.type,
          kindIcon: stepIcon(n.type),
          status: statuses ? (statuses[n.name] ?? 'Pending') : null,
          selected: selected === n.name,
          branch: n.branch ?? null,
        },
      })),
    [dag.nodes, statuses, selected],
  );
  const edges = useMemo<CanvasEdge[]>(
    () =>
      dag.edges.map((e) => {
        const id = `${e.from}->${e.to}:${e.kind}`;
        if (e.kind === 'CONDITION_IF') return { id, source: e.from, target: e.to, label: 'if true', dashed: true, variant: 'if' };
        if (e.kind === 'CONDITION_ELSE') return { id, source: e.from, target: e.to, label: 'else', dashed: true, variant: 'else' };
        if (e.kind === 'ORDER') return { id, source: e.from, target: e.to, label: 'after', dashed: true };
        return { id, source: e.from, target: e.to };
      }),
    [dag.edges],
  );
  return <GraphCanvas nodes={nodes} edges={edges} ariaLabel="Pipeline steps" onSelect={onSelect} height={height} />;
}
