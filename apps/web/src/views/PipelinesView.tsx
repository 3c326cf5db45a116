import { useCallback } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDuration, formatRelative, formatTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { useListKeys } from '../use-list-keys.ts';
import { useExecutionsChanged } from '../use-live-refetch.ts';
import { useUrlState } from '../url-state.ts';

export const PipelinesQuery = graphql(`
  query Pipelines($search: String) {
    pipelines(search: $search, first: 100) {
      edges {
        node {
          name
          description
          latestVersion
          createdAt
          executions(first: 1) {
            edges {
              node {
                id
                status
                startedAt
                durationMs
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** `/pipelines?q=`: every pipeline with its latest version and last execution, live. */
export function PipelinesView() {
  const [params, setParams] = useUrlState();
  const search = params.get('q') ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: PipelinesQuery, variables: { search: search || null } });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useExecutionsChanged(refresh);
  const onKeyDown = useListKeys();
  const rows = data?.pipelines.edges ?? [];

  return (
    <>
      <PageHeader title="Pipelines" subtitle="Pipelines defined in code, their versions and their latest runs." />
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search pipelines</span>
          <input type="search" placeholder="Search pipelines by name…" value={search} onChange={(e) => setParams({ q: e.target.value })} />
        </label>
      </div>
      {error && !data ? (
        <ErrorState title="Could not load the pipelines" message={error.message} onRetry={refresh} />
      ) : fetching && !data ? (
        <Loading label="Loading pipelines…" />
      ) : rows.length === 0 ? (
        <EmptyState title={search ? `No pipeline matches “${search}”` : 'No pipelines yet'}>
          {search ? 'Try another name.' : 'Define one with the SDK and upsert it with `pedigree upsert`.'}
        </EmptyState>
      ) : (
        <div className="card table-card">
          <table className="table" onKeyDown={onKeyDown}>
            <thead>
              <tr>
                <th scope="col">Pipeline</th>
                <th scope="col">Latest version</th>
                <th scope="col">Last execution</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node }) => {
                const last = node.executions.edges[0]?.node;
                return (
                  <tr key={node.name}>
                    <td>
                      <Link to={`/pipelines/${encodeURIComponent(node.name)}`} data-row className="row-title">
                        {node.name}
                      </Link>
                      {node.description ? <div className="muted small clamp">{node.description}</div> : null}
                    </td>
                    <td>v{node.latestVersion}</td>
                    <td>{last ? <StatusBadge status={last.status} /> : <span className="muted">Never run</span>}</td>
                    <td title={last ? formatTime(last.startedAt) : undefined}>
                      {last ? <Link to={`/executions/${last.id}`}>{formatRelative(last.startedAt)}</Link> : '—'}
                    </td>
                    <td>{last ? formatDuration(last.durationMs) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
