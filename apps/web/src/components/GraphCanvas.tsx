import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildAdjacency } from '../graph/adjacency.ts';
import { computeLayout } from '../graph/async-layout.ts';
import type { LayoutResult } from '../graph/layout.ts';
import { AutoFit } from './AutoFit.tsx';
import { ErrorState } from './ErrorState.tsx';
import { GraphNodeCard, type GraphCardFields, type GraphCardNode } from './GraphNodeCard.tsx';

export interface CanvasNode {
  readonly id: string;
  readonly data: GraphCardFields;
}

export interface CanvasEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label?: string;
  readonly dashed?: boolean;
  readonly highlighted?: boolean;
  readonly dimmed?: boolean;
  readonly variant?: 'if' | 'else' | 'default';
}

interface GraphCanvasProps {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  readonly ariaLabel: string;
  readonly direction?: 'RIGHT' | 'DOWN';
  readonly onSelect?: (id: string) => void;
  readonly onActivate?: (id: string) => void;
  readonly height?: number | string;
}

const NODE_WIDTH = 208;
const NODE_HEIGHT = 78;
const nodeTypes: NodeTypes = { card: GraphNodeCard };

/**
 * Draws a directed graph with an ELK layered layout (computed off the main thread for large graphs).
 * Keyboard: Tab reaches the nodes; Enter selects; → / ← move to a downstream / upstream neighbour;
 * ↑ / ↓ move within a layer; Shift+Enter (or double click) activates.
 */
export function GraphCanvas({ nodes, edges, ariaLabel, direction = 'RIGHT', onSelect, onActivate, height = 420 }: GraphCanvasProps) {
  const signature = useMemo(
    () => `${direction}|${nodes.map((n) => n.id).join(',')}|${edges.map((e) => `${e.source}>${e.target}`).join(',')}`,
    [nodes, edges, direction],
  );
  const [layout, setLayout] = useState<{ signature: string; result: LayoutResult } | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    computeLayout({
      nodes: nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
      direction,
    }).then(
      (result) => {
        if (!cancelled) setLayout({ signature, result });
      },
      (error: unknown) => {
        if (!cancelled) setLayoutError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
    };
    // The layout depends on the structure only (the signature); status and selection changes re-render without it.
  }, [signature]);

  const adjacency = useMemo(() => buildAdjacency(edges), [edges]);
  const positions = layout?.result.positions;

  const flowNodes = useMemo<GraphCardNode[]>(
    () =>
      positions
        ? nodes.map((n) => ({
            id: n.id,
            type: 'card',
            position: positions[n.id] ?? { x: 0, y: 0 },
            data: { ...n.data, direction },
            width: NODE_WIDTH,
            height: NODE_HEIGHT,
            ariaRole: 'button',
            domAttributes: { 'aria-roledescription': 'graph node' },
            ariaLabel: `${n.data.kind} ${n.data.title}${n.data.status ? `, ${n.data.status}` : ''}`,
          }))
        : [],
    [nodes, positions, direction],
  );

  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => {
        const className = [
          'graph-edge',
          e.variant ? `edge-${e.variant}` : '',
          e.highlighted ? 'is-highlighted' : '',
          e.dimmed ? 'is-dimmed' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'smoothstep',
          className,
          label: e.label,
          labelBgPadding: [6, 3] as [number, number],
          labelBgBorderRadius: 4,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          style: e.dashed ? { strokeDasharray: '6 4' } : undefined,
          focusable: false,
        };
      }),
    [edges],
  );

  function focusNode(id: string | undefined) {
    if (!id || !wrapper.current) return;
    const safe = id.replace(/["\\]/g, '\\$&');
    wrapper.current.querySelector<HTMLElement>(`.react-flow__node[data-id="${safe}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const id = target.closest<HTMLElement>('.react-flow__node')?.dataset['id'];
    if (!id || !positions) return;
    const forward = direction === 'RIGHT' ? 'ArrowRight' : 'ArrowDown';
    const backward = direction === 'RIGHT' ? 'ArrowLeft' : 'ArrowUp';
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (event.shiftKey && onActivate) onActivate(id);
      else onSelect?.(id);
    } else if (event.key === forward) {
      event.preventDefault();
      focusNode(adjacency.downstream.get(id)?.[0]);
    } else if (event.key === backward) {
      event.preventDefault();
      focusNode(adjacency.upstream.get(id)?.[0]);
    } else if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key)) {
      event.preventDefault();
      const here = positions[id];
      if (!here) return;
      const axis = direction === 'RIGHT' ? 'x' : 'y';
      const cross = direction === 'RIGHT' ? 'y' : 'x';
      const layer = nodes
        .map((n) => ({ id: n.id, p: positions[n.id] }))
        .filter((n) => n.p && Math.abs(n.p[axis] - here[axis]) < 1)
        .sort((a, b) => (a.p?.[cross] ?? 0) - (b.p?.[cross] ?? 0));
      const index = layer.findIndex((n) => n.id === id);
      const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1;
      focusNode(layer[index + step]?.id);
    }
  }

  if (layoutError) return <ErrorState title="Could not lay out the graph" message={layoutError} />;
  const ready = layout !== null && layout.signature === signature;
  return (
    <div
      className="graph-canvas"
      style={{ height }}
      ref={wrapper}
      onKeyDown={onKeyDown}
      role="group"
      aria-label={ariaLabel}
      aria-busy={!ready}
      data-testid="graph-canvas"
      data-ready={ready ? 'true' : 'false'}
    >
      {!ready ? (
        <div className="graph-canvas-loading" role="status">
          <span className="spinner" aria-hidden="true" /> Laying out {nodes.length} nodes…
        </div>
      ) : null}
      {layout ? (
        <ReactFlow
          key={layout.signature}
          nodes={flowNodes}
          edges={flowEdges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable
          edgesFocusable={false}
          onlyRenderVisibleElements={nodes.length > 300}
          onNodeClick={(_, node) => onSelect?.(node.id)}
          onNodeDoubleClick={(_, node) => onActivate?.(node.id)}
          proOptions={{ hideAttribution: true }}
        >
          <AutoFit />
          <Background gap={20} size={1} color="var(--grid)" />
          <Controls showInteractive={false} position="bottom-right" />
          {nodes.length > 25 ? <MiniMap pannable zoomable position="bottom-left" /> : null}
        </ReactFlow>
      ) : null}
    </div>
  );
}
