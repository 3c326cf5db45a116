import { useCallback } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatRelative, formatTime, formatValue } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { ApprovalStatus } from '../gql/graphql.ts';
import { useListKeys } from '../use-list-keys.ts';
import { useUrlState } from '../url-state.ts';

export const ModelPackagesQuery = graphql(`
  query ModelPackages($statuses: [ApprovalStatus!], $group: String) {
    modelPackages(approvalStatuses: $statuses, group: $group, first: 100) {
      edges {
        node {
          id
          group
          version
          approvalStatus
          createdAt
          metrics
          modelArtifact {
            id
            name
          }
        }
      }
    }
  }
`);

const APPROVALS: readonly { value: ApprovalStatus; label: string }[] = [
  { value: 'PendingManualApproval', label: 'Pending approval' },
  { value: 'Approved', label: 'Approved' },
  { value: 'Rejected', label: 'Rejected' },
];

/** `/models?status=&group=`: the model registry, newest first. */
export function ModelsView() {
  const [params, setParams] = useUrlState();
  const status = APPROVALS.find((a) => a.value === params.get('status'))?.value ?? null;
  const group = params.get('group');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ModelPackagesQuery,
    variables: { statuses: status ? [status] : null, group },
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const onKeyDown = useListKeys();
  const rows = data?.modelPackages.edges ?? [];
  return (
    <>
      <PageHeader title="Models" subtitle="Registered model packages, their metrics and approval status." />
      <div className="toolbar">
        <div className="chips" role="group" aria-label="Filter by approval status">
          <button type="button" className="chip" aria-pressed={status === null} onClick={() => setParams({ status: null })}>
            All
          </button>
          {APPROVALS.map((a) => (
            <button
              type="button"
              key={a.value}
              className="chip"
              aria-pressed={status === a.value}
              onClick={() => setParams({ status: a.value })}
            >
              {a.label}
            </button>
          ))}
        </div>
        {group ? (
          <button type="button" className="chip" aria-pressed onClick={() => setParams({ group: null })}>
            Group {group} ✕
          </button>
        ) : null}
      </div>
      {error && !data ? (
        <ErrorState title="Could not load the models" message={error.message} onRetry={refresh} />
      ) : fetching && !data ? (
        <Loading label="Loading models…" />
      ) : rows.length === 0 ? (
        <EmptyState title="No model packages match">A register-model step adds one when a pipeline runs.</EmptyState>
      ) : (
        <div className="card table-card">
          <table className="table" onKeyDown={onKeyDown}>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Approval</th>
                <th scope="col">Metrics</th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/models/${node.modelArtifact.id}`} data-row className="row-title">
                      {node.group} v{node.version}
                    </Link>
                    <div className="muted small">
                      <button type="button" className="link-button" onClick={() => setParams({ group: node.group })}>
                        {node.group}
                      </button>{' '}
                      · {node.modelArtifact.name}
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={node.approvalStatus} />
                  </td>
                  <td className="small">
                    {Object.entries((node.metrics ?? {}) as Record<string, unknown>).map(([k, v]) => (
                      <span key={k} className="metric">
                        {k} <strong>{formatValue(v)}</strong>
                      </span>
                    ))}
                  </td>
                  <td title={formatTime(node.createdAt)}>{formatRelative(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
