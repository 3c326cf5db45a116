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
  }
`);

const LineageNodeTargetQuery = graphql(`
  query LineageNodeTarget($stepId: ID!, $packageId: ID!, $isStep: Boolean!, $isPackage: Boolean!) {
    stepExecution(id: $stepId) @include(if: $isStep) {
      id
      stepName
      executionId
    }
    modelPackage(id: $packageId) @include(if: $isPackage) {
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
  const isStep = node.type === 'StepExecution';
  const isPackage = node.type === 'ModelPackage';
  const [{ data }] = useQuery({
    query: LineageNodeTargetQuery,
    variables: { stepId: node.id, packageId: node.id, isStep, isPackage },
    pause: !isStep && !isPackage,
  });
  let open: string | null = null;
  if (node.type === 'Artifact') open = node.artifactType === 'Model' ? `/models/${node.id}` : `/artifacts/${node.id}`;
  else if (node.type === 'PipelineExecution') open = `/executions/${node.id}`;
  else if (node.type === 'Pipeline') open = `/pipelines/${encodeURIComponent(node.label)}`;
  else if (node.type === 'PipelineVersion')
    open = `/pipelines/${encodeURIComponent(node.label.replace(/ v\d+$/, ''))}?version=${node.label.match(/ v(\d+)$/)?.[1] ?? ''}`;
  else if (isStep && data?.stepExecution)
    open = `/executions/${data.stepExecution.executionId}?step=${encodeURIComponent(data.stepExecution.stepName)}`;
  else if (isPackage && data?.modelPackage) open = `/models/${data.modelPackage.modelArtifact.id}`;

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
