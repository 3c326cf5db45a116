import { Link } from 'react-router';
import { useQuery } from 'urql';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatTime, shortDigest } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { LineageNodeFieldsFragment } from '../gql/graphql.ts';

// Cost: one row per returned node; everything a node card and this panel show without a second query.
export const LineageNodeFieldsFragmentDoc = graphql(`
  fragment LineageNodeFields on LineageNode {
    id
    type
    label
    depth
    status
    artifactType
    stepType
    approvalStatus
    contextType
    digest
    uri
    createdAt
    executionId
    pipelineName
    version
  }
`);

// Only a model package needs a second read (its model); every other node says where it opens.
const LineageNodeTargetQuery = graphql(`
  query LineageNodeTarget($packageId: ID!) {
    modelPackage(id: $packageId) {
      id
      modelArtifact {
        id
      }
    }
  }
`);

interface LineageNodePanelProps {
  readonly node: LineageNodeFieldsFragment;
  readonly isStart: boolean;
  readonly pathFrom: string | null;
  readonly pathTo: string | null;
  readonly onExpand: () => void;
  readonly onPathFrom: () => void;
  readonly onPathTo: () => void;
  readonly onClose: () => void;
}

/** The selected lineage node: what it is, where to open it, and the graph actions on it. */
export function LineageNodePanel({ node, isStart, pathFrom, pathTo, onExpand, onPathFrom, onPathTo, onClose }: LineageNodePanelProps) {
  const isPackage = node.type === 'ModelPackage';
  const [{ data }] = useQuery({ query: LineageNodeTargetQuery, variables: { packageId: node.id }, pause: !isPackage });
  const open = openPath(node, isPackage ? (data?.modelPackage?.modelArtifact.id ?? null) : null);

  return (
    <aside className="card lineage-panel" aria-labelledby="node-title">
      <div className="card-header">
        <h2 id="node-title">{node.label}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close node details">
          ✕
        </button>
      </div>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {node.type}
          {node.artifactType ? ` · ${node.artifactType}` : ''}
          {node.stepType ? ` · ${node.stepType}` : ''}
          {node.contextType ? ` · ${node.contextType}` : ''}
        </dd>
        {node.status || node.approvalStatus ? (
          <>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={node.approvalStatus ?? node.status} />
            </dd>
          </>
        ) : null}
        <dt>Distance</dt>
        <dd>{isStart ? 'start node' : `${node.depth} hop${node.depth === 1 ? '' : 's'}`}</dd>
        {node.digest ? (
          <>
            <dt>Digest</dt>
            <dd className="mono small" title={node.digest}>
              {shortDigest(node.digest, 16)}
            </dd>
          </>
        ) : null}
        {node.uri ? (
          <>
            <dt>URI</dt>
            <dd className="mono small break">{node.uri}</dd>
          </>
        ) : null}
        {node.createdAt ? (
          <>
            <dt>Created</dt>
            <dd>{formatTime(node.createdAt)}</dd>
          </>
        ) : null}
        <dt>Id</dt>
        <dd className="mono small break">{node.id}</dd>
      </dl>
      <div className="button-column">
        {open ? (
          <Link className="button primary" to={open}>
            Open
          </Link>
        ) : null}
        <button type="button" className="button" onClick={onExpand}>
          Expand neighbours
        </button>
        <button type="button" className="button" onClick={onPathFrom} aria-pressed={pathFrom === node.id}>
          Path start (A)
        </button>
        <button type="button" className="button" onClick={onPathTo} aria-pressed={pathTo === node.id}>
          Path end (B)
        </button>
        {!isStart ? (
          <Link className="button" to={`/lineage/${node.id}`}>
            Centre lineage here
          </Link>
        ) : null}
      </div>
    </aside>
  );
}

/** Where a lineage node opens in the app; null when it has no page (or its target is not known yet). */
function openPath(node: LineageNodeFieldsFragment, packageModelId: string | null): string | null {
  const pipeline = (name: string, version?: number | null) =>
    `/pipelines/${encodeURIComponent(name)}${version ? `?version=${version}` : ''}`;
  switch (node.type) {
    case 'Artifact':
      return node.artifactType === 'Model' ? `/models/${node.id}` : `/artifacts/${node.id}`;
    case 'PipelineExecution':
      return `/executions/${node.id}`;
    case 'Pipeline':
      return pipeline(node.pipelineName ?? node.label);
    case 'PipelineVersion':
      return node.pipelineName ? pipeline(node.pipelineName, node.version) : null;
    case 'StepExecution':
      return node.executionId ? `/executions/${node.executionId}?step=${encodeURIComponent(node.label)}` : null;
    case 'ModelPackage':
      return packageModelId ? `/models/${packageModelId}` : null;
    default:
      return null;
  }
}
