import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildAdjacency } from '../graph/adjacency.ts';
import { computeLayout, WORKER_THRESHOLD } from '../graph/async-layout.ts';
import { fastLayeredLayout } from '../graph/fast-layout.ts';
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
  /** The node a large graph opens centred on (its start node); small graphs are fitted whole. */
  readonly focusId?: string | null;
}

const NODE_WIDTH = 208;
const NODE_HEIGHT = 78;
const COMPACT_WIDTH = 168;
const COMPACT_HEIGHT = 36;
/** Above this many nodes, cards are drawn compact and the canvas renders only what is in view. */
const LARGE_GRAPH = 300;

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
const nodeTypes: NodeTypes = { card: GraphNodeCard };

/**
 * Draws a directed graph with an ELK layered layout (computed off the main thread for large graphs).
 * Keyboard: Tab reaches the nodes; Enter selects; → / ← move to a downstream / upstream neighbour;
 * ↑ / ↓ move within a layer; Shift+Enter (or double click) activates.
 */
export function GraphCanvas({
  nodes,
  edges,
  ariaLabel,
  direction = 'RIGHT',
  onSelect,
  onActivate,
  height = 420,
  focusId,
}: GraphCanvasProps) {
  const compact = nodes.length > LARGE_GRAPH;
  const signature = useMemo(
    () => `${direction}|${nodes.map((n) => n.id).join(',')}|${edges.map((e) => `${e.source}>${e.target}`).join(',')}`,
    [nodes, edges, direction],
  );
  const [layout, setLayout] = useState<{ signature: string; result: LayoutResult; refined: boolean } | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    // Marks for bench:web (layout time separately from rendering); cheap enough to keep.
    performance.mark('pedigree:layout-start');
    const input = {
      nodes: nodes.map((n) => ({ id: n.id, width: compact ? COMPACT_WIDTH : NODE_WIDTH, height: compact ? COMPACT_HEIGHT : NODE_HEIGHT })),
      edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
      direction,
    };
    // Large graphs: a quick layered picture at once; ELK's worker starts after that picture is
    // painted, so that it does not compete with the first render for the CPU.
    const large = input.nodes.length > WORKER_THRESHOLD;
    if (large) setLayout({ signature, result: fastLayeredLayout(input), refined: false });
    const refine = () =>
      computeLayout(input).then(
        (result) => {
          performance.mark('pedigree:layout-end');
          if (!cancelled) setLayout({ signature, result, refined: true });
        },
        (error: unknown) => {
          if (!cancelled) setLayoutError(error instanceof Error ? error.message : String(error));
        },
      );
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (large && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(() => (timer = setTimeout(refine, 300)));
    else void refine();
    return () => {
      cancelled = true;
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
    // The layout depends on the structure only (the signature); status and selection changes re-render without it.
  }, [signature]);

  const adjacency = useMemo(() => buildAdjacency(edges), [edges]);
  const positions = layout?.result.positions;

  // Node objects are reused when nothing about them changed, so that selecting one node re-renders
  // that node and not the other thousand.
  const nodeCache = useRef(new Map<string, GraphCardNode>());
  const flowNodes = useMemo<GraphCardNode[]>(() => {
    if (!positions) return [];
    const cache = nodeCache.current;
    const next = nodes.map((n) => {
      const position = positions[n.id] ?? { x: 0, y: 0 };
      const data = { ...n.data, direction, compact };
      const previous = cache.get(n.id);
      if (previous && previous.position.x === position.x && previous.position.y === position.y && sameData(previous.data, data))
        return previous;
      const node: GraphCardNode = {
        id: n.id,
        type: 'card',
        position,
        data,
        width: compact ? COMPACT_WIDTH : NODE_WIDTH,
        height: compact ? COMPACT_HEIGHT : NODE_HEIGHT,
        ariaRole: 'button',
        domAttributes: { 'aria-roledescription': 'graph node' },
        ariaLabel: `${n.data.kind} ${n.data.title}${n.data.status ? `, ${n.data.status}` : ''}`,
      };
      cache.set(n.id, node);
      return node;
    });
    return next;
  }, [nodes, positions, direction, compact]);

  const edgeCache = useRef(new Map<string, { source: CanvasEdge; edge: Edge }>());
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => {
        const previous = edgeCache.current.get(e.id);
        if (previous && sameData(previous.source as unknown as Record<string, unknown>, e as unknown as Record<string, unknown>))
          return previous.edge;
        const className = [
          'graph-edge',
          e.variant ? `edge-${e.variant}` : '',
          e.highlighted ? 'is-highlighted' : '',
          e.dimmed ? 'is-dimmed' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const edge: Edge = {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'default',
          className,
          label: e.label,
          labelBgPadding: [6, 3] as [number, number],
          labelBgBorderRadius: 4,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          style: e.dashed ? { strokeDasharray: '6 4' } : undefined,
          focusable: false,
        };
        edgeCache.current.set(e.id, { source: e, edge });
        return edge;
      }),
    [edges, compact],
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

  const focusPosition = compact && focusId ? positions?.[focusId] : undefined;
  const focus = focusPosition ? { x: focusPosition.x + COMPACT_WIDTH / 2, y: focusPosition.y + COMPACT_HEIGHT / 2 } : null;

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
      {ready && !layout.refined ? (
        <div className="graph-canvas-refining" role="status">
          <span className="spinner" aria-hidden="true" /> Refining the layout…
        </div>
      ) : null}
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
          fitView={!compact}
          fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable
          edgesFocusable={false}
          onlyRenderVisibleElements={compact}
          onNodeClick={(_, node) => onSelect?.(node.id)}
          onNodeDoubleClick={(_, node) => onActivate?.(node.id)}
          proOptions={{ hideAttribution: true }}
        >
          <AutoFit fitKey={layout.refined ? 'refined' : 'quick'} focus={focus} />
          <Background gap={20} size={1} color="var(--grid)" />
          <Controls showInteractive={false} position="bottom-right" />
          {nodes.length > 25 && !compact ? <MiniMap pannable zoomable position="bottom-left" /> : null}
        </ReactFlow>
      ) : null}
    </div>
  );
}
