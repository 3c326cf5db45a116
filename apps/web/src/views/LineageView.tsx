import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { GraphCanvas, type CanvasEdge, type CanvasNode } from '../components/GraphCanvas.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ARTIFACT_TYPES, isArtifactType } from '../artifact-types.ts';
import { shortDigest } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { LineageDirection, LineageNodeFieldsFragment, LineageNodeType } from '../gql/graphql.ts';
import { openLineageStateWord, parseOpenLineageUri } from '../openlineage.ts';
import { nodeIcon } from '../step-types.ts';
import { listParam, useUrlState } from '../url-state.ts';
import { LineageNodePanel } from './LineageNodePanel.tsx';
import { OpenLineageDetails } from './OpenLineageDetails.tsx';

export const LineageQuery = graphql(`
  query Lineage(
    $ids: [ID!]!
    $direction: LineageDirection
    $depth: Int
    $nodeTypes: [LineageNodeType!]
    $artifactTypes: [ArtifactType!]
    $limit: Int
  ) {
    lineage(
      startIds: $ids
      direction: $direction
      maxDepth: $depth
      nodeTypes: $nodeTypes
      artifactTypes: $artifactTypes
      nodeLimit: $limit
    ) {
      truncated
      nodes {
        ...LineageNodeFields
      }
      edges {
        from
        to
        type
      }
    }
  }
`);

const LineagePathsQuery = graphql(`
  query LineagePaths($from: ID!, $to: ID!) {
    forward: lineagePaths(from: $from, to: $to, limit: 20) {
      truncated
      paths {
        nodeIds
      }
    }
    backward: lineagePaths(from: $to, to: $from, limit: 20) {
      truncated
      paths {
        nodeIds
      }
    }
  }
`);

const NODE_TYPES: readonly LineageNodeType[] = [
  'Artifact',
  'StepExecution',
  'ModelPackage',
  'PipelineExecution',
  'PipelineVersion',
  'Pipeline',
  'Context',
  'OpenLineageRun',
];
// OpenLineage runs are steps of other systems (Spark, dbt, Airflow): shown like our own steps.
const DEFAULT_NODE_TYPES: readonly LineageNodeType[] = ['Artifact', 'StepExecution', 'ModelPackage', 'OpenLineageRun'];
const DIRECTIONS: readonly { value: LineageDirection; label: string }[] = [
  { value: 'UPSTREAM', label: '← Upstream' },
  { value: 'BOTH', label: 'Both' },
  { value: 'DOWNSTREAM', label: 'Downstream →' },
];
const DEFAULT_LIMIT = 300;
const MAX_LIMIT = 10_000;

function nodeStatus(n: LineageNodeFieldsFragment): string | null {
  return n.approvalStatus ?? n.status ?? null;
}

/**
 * `/lineage/:id?dir=&depth=&nodes=&types=&expand=&sel=&from=&to=&limit=`: a bounded lineage graph
 * around any node, with filters, expansion, path highlighting and a notice when the server truncated.
 */
export function LineageView() {
  const { id = '' } = useParams();
  const [params, setParams] = useUrlState();
  const direction = DIRECTIONS.find((d) => d.value === params.get('dir'))?.value ?? 'BOTH';
  const depth = Math.min(50, Math.max(1, Number(params.get('depth')) || 3));
  const nodeTypesParam = listParam(params, 'nodes').filter((t): t is LineageNodeType => (NODE_TYPES as readonly string[]).includes(t));
  const nodeTypes = params.has('nodes') ? nodeTypesParam : [...DEFAULT_NODE_TYPES];
  const artifactTypes = listParam(params, 'types').filter(isArtifactType);
  const expand = listParam(params, 'expand');
  const limit = Math.min(MAX_LIMIT, Math.max(10, Number(params.get('limit')) || DEFAULT_LIMIT));
  const selectedId = params.get('sel');
  const pathFrom = params.get('from');
  const pathTo = params.get('to');

  const filters = {
    nodeTypes: nodeTypes.length > 0 ? nodeTypes : null,
    artifactTypes: artifactTypes.length > 0 ? artifactTypes : null,
    limit,
  };
  const [main, refetch] = useQuery({ query: LineageQuery, variables: { ids: [id], direction, depth, ...filters } });
  const [expanded] = useQuery({
    query: LineageQuery,
    variables: { ids: expand, direction: 'BOTH', depth: 1, ...filters },
    pause: expand.length === 0,
  });
  const [paths] = useQuery({
    query: LineagePathsQuery,
    variables: { from: pathFrom ?? '', to: pathTo ?? '' },
    pause: !pathFrom || !pathTo,
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  const graph = useMemo(() => {
    const nodes = new Map<string, LineageNodeFieldsFragment>();
    const edges = new Map<string, { from: string; to: string; type: string }>();
    for (const result of [main.data?.lineage, expand.length > 0 ? expanded.data?.lineage : undefined]) {
      for (const n of result?.nodes ?? []) if (!nodes.has(n.id)) nodes.set(n.id, n);
      for (const e of result?.edges ?? []) edges.set(`${e.from}>${e.to}>${e.type}`, e);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)) };
  }, [main.data, expanded.data, expand.length]);

  const path = useMemo(() => {
    const found = paths.data ? (paths.data.forward.paths.length > 0 ? paths.data.forward.paths : paths.data.backward.paths) : [];
    const nodes = new Set<string>();
    const edges = new Set<string>();
    for (const p of found) {
      p.nodeIds.forEach((n, i) => {
        nodes.add(n);
        const next = p.nodeIds[i + 1];
        if (next) edges.add(`${n}>${next}`);
      });
    }
    return { count: found.length, nodes, edges };
  }, [paths.data]);
  const highlighting = Boolean(pathFrom && pathTo && path.count > 0);

  const canvasNodes = useMemo<CanvasNode[]>(
    () =>
      graph.nodes.map((n) => {
        const kind = n.artifactType ?? n.type;
        const olDataset = n.type === 'Artifact' ? parseOpenLineageUri(n.uri) : null;
        const olRun = n.type === 'OpenLineageRun';
        let marked: string | null = null;
        if (n.id === pathFrom) marked = 'A';
        else if (n.id === pathTo) marked = 'B';
        else if (n.id === id) marked = 'start';
        return {
          id: n.id,
          data: {
            title: n.label,
            // An OpenLineage dataset is known by (namespace, name), its digest only stands in for the producer's version.
            subtitle: olDataset
              ? olDataset.namespace
              : olRun
                ? openLineageStateWord(n.status)
                : n.digest
                  ? shortDigest(n.digest, 10)
                  : n.type === 'StepExecution'
                    ? null
                    : (n.contextType ?? null),
            kind:
              n.type === 'StepExecution'
                ? `step · ${n.stepType ?? ''}`
                : olRun
                  ? 'OpenLineage run'
                  : olDataset
                    ? `${kind} · OpenLineage`
                    : kind,
            kindIcon: nodeIcon(kind),
            variant: olRun || olDataset ? 'openlineage' : null,
            status: nodeStatus(n),
            selected: n.id === selectedId,
            highlighted: highlighting && path.nodes.has(n.id),
            dimmed: highlighting && !path.nodes.has(n.id),
            marked,
          },
        };
      }),
    [graph.nodes, pathFrom, pathTo, id, selectedId, highlighting, path.nodes],
  );
  const canvasEdges = useMemo<CanvasEdge[]>(
    () =>
      graph.edges.map((e) => ({
        id: `${e.from}>${e.to}>${e.type}`,
        source: e.from,
        target: e.to,
        label: e.type === 'PRODUCED' || e.type === 'CONSUMED_BY' ? undefined : e.type.toLowerCase().replace('_', ' '),
        dashed: e.type === 'REUSED' || e.type === 'DERIVED_FROM',
        highlighted: highlighting && path.edges.has(`${e.from}>${e.to}`),
        dimmed: highlighting && !path.edges.has(`${e.from}>${e.to}`),
      })),
    [graph.edges, highlighting, path.edges],
  );

  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;
  const start = graph.nodes.find((n) => n.id === id);
  const truncated = Boolean(main.data?.lineage.truncated || (expand.length > 0 && expanded.data?.lineage.truncated));

  function toggle(key: 'nodes' | 'types', value: string, current: readonly string[]) {
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    setParams({ [key]: next.join(',') || (key === 'nodes' ? 'Artifact' : null) });
  }
  function expandNode(nodeId: string) {
    if (!expand.includes(nodeId)) setParams({ expand: [...expand, nodeId].join(','), sel: nodeId });
  }

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Artifacts', to: '/artifacts' }]}
        title={
          <>
            Lineage of <span className="accent">{start?.label ?? id}</span>
          </>
        }
        subtitle="Edges point the way data flows: upstream is where it came from, downstream what was made from it."
      />
      <div className="lineage-controls card" role="group" aria-label="Lineage controls">
        <div className="segmented" role="radiogroup" aria-label="Direction">
          {DIRECTIONS.map((d) => (
            <button
              key={d.value}
              type="button"
              role="radio"
              aria-checked={direction === d.value}
              onClick={() => setParams({ dir: d.value })}
            >
              {d.label}
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>Depth</span>
          <input
            type="number"
            min={1}
            max={50}
            value={depth}
            onChange={(e) => setParams({ depth: e.target.value })}
            aria-describedby="depth-hint"
          />
          <span id="depth-hint" className="visually-hidden">
            hops from the start node, 1 to 50
          </span>
        </label>
        <fieldset className="checks">
          <legend>Nodes</legend>
          {NODE_TYPES.map((t) => (
            <label key={t}>
              <input type="checkbox" checked={nodeTypes.includes(t)} onChange={() => toggle('nodes', t, nodeTypes)} />
              {t.replace(/([a-z])([A-Z])/g, '$1 $2')}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>Artifact types</legend>
          {ARTIFACT_TYPES.map((t) => (
            <label key={t}>
              <input type="checkbox" checked={artifactTypes.includes(t)} onChange={() => toggle('types', t, artifactTypes)} />
              {t}
            </label>
          ))}
        </fieldset>
        {expand.length > 0 || pathFrom || pathTo ? (
          <button type="button" className="button small" onClick={() => setParams({ expand: null, from: null, to: null })}>
            Reset expansion and path
          </button>
        ) : null}
      </div>
      {truncated ? (
        <div className="callout callout-warning" role="status">
          <strong>Truncated</strong> — the server stopped after {limit.toLocaleString()} nodes; more are reachable.{' '}
          {limit < MAX_LIMIT ? (
            <button type="button" className="button small" onClick={() => setParams({ limit: String(Math.min(MAX_LIMIT, limit * 2)) })}>
              Load more
            </button>
          ) : (
            'Reduce the depth or filter node types.'
          )}
        </div>
      ) : null}
      {pathFrom && pathTo ? (
        <p className="path-note" role="status">
          {paths.fetching
            ? 'Looking for paths…'
            : path.count > 0
              ? `Highlighting ${path.count} path${path.count === 1 ? '' : 's'} between A and B${paths.data?.forward.paths.length === 0 ? ' (B is upstream of A)' : ''}.`
              : 'No path along the arrows between A and B.'}
        </p>
      ) : pathFrom || pathTo ? (
        <p className="path-note muted">
          Choose the other end of the path: select a node and press “Path {pathFrom ? 'end (B)' : 'start (A)'}”.
        </p>
      ) : null}
      {main.error && !main.data ? (
        <ErrorState title="Could not load the lineage" message={main.error.message} onRetry={refresh} />
      ) : main.fetching && !main.data ? (
        <Loading label="Walking the lineage graph…" />
      ) : graph.nodes.length === 0 ? (
        <EmptyState title="Nothing to show">
          No node matches these filters. <Link to={`/lineage/${id}`}>Reset the filters</Link>.
        </EmptyState>
      ) : (
        <div className={`split${selected ? ' with-panel' : ''}`}>
          <div className="split-main">
            <div className="card graph-card-wrap">
              <div className="card-header">
                <span className="muted small">
                  {graph.nodes.length} nodes · {graph.edges.length} edges · click a node for details, double-click to expand its neighbours
                </span>
              </div>
              <GraphCanvas
                nodes={canvasNodes}
                edges={canvasEdges}
                ariaLabel="Lineage graph"
                height="calc(100vh - 330px)"
                onSelect={(nodeId) => setParams({ sel: nodeId === selectedId ? null : nodeId })}
                onActivate={expandNode}
                focusId={selectedId ?? id}
              />
            </div>
          </div>
          {selected ? (
            <div className="lineage-side">
              <LineageNodePanel
                node={selected}
                isStart={selected.id === id}
                pathFrom={pathFrom}
                pathTo={pathTo}
                onExpand={() => expandNode(selected.id)}
                onPathFrom={() => setParams({ from: selected.id })}
                onPathTo={() => setParams({ to: selected.id })}
                onClose={() => setParams({ sel: null })}
              />
              <OpenLineageDetails node={selected} />
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
