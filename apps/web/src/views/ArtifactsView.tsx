import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ARTIFACT_TYPES, isArtifactType } from '../artifact-types.ts';
import { formatBytes, formatRelative, formatTime, shortDigest } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { nodeIcon } from '../step-types.ts';
import { useListKeys } from '../use-list-keys.ts';
import { useUrlState } from '../url-state.ts';

export const ArtifactRowFragmentDoc = graphql(`
  fragment ArtifactRow on Artifact {
    id
    name
    type
    digest
    uri
    size
    createdAt
    producer {
      id
      stepName
      executionId
    }
  }
`);

export const ArtifactsQuery = graphql(`
  query Artifacts($filter: ArtifactFilter, $first: Int) {
    artifacts(filter: $filter, first: $first) {
      edges {
        node {
          ...ArtifactRow
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

// Full-text: every word must match a name, URI or property value (prefix match), best first.
export const ArtifactSearchQuery = graphql(`
  query ArtifactSearch($text: String!, $types: [ArtifactType!], $first: Int) {
    search(text: $text, types: $types, first: $first) {
      edges {
        node {
          ...ArtifactRow
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const PAGE = 50;

/**
 * `/artifacts?type=&q=&uri=`: every artifact, newest first, by type and URI prefix; with `q`, a
 * full-text search over names, URIs and properties, best matches first.
 */
export function ArtifactsView() {
  const [params, setParams] = useUrlState();
  const type = params.get('type') ?? '';
  const q = params.get('q') ?? '';
  const uri = params.get('uri') ?? '';
  const [pages, setPages] = useState(1);
  const first = Math.min(100, PAGE * pages);
  const types = isArtifactType(type) ? [type] : null;
  const text = q.trim();
  const [listed, refetchList] = useQuery({
    query: ArtifactsQuery,
    variables: { first, filter: { types, uriPrefix: uri || null } },
    pause: text !== '',
  });
  const [found, refetchSearch] = useQuery({ query: ArtifactSearchQuery, variables: { text, types, first }, pause: text === '' });
  const { data: rawData, fetching, error } = text ? found : listed;
  const data = text ? found.data?.search : listed.data?.artifacts;
  const refresh = useCallback(
    () => (text ? refetchSearch : refetchList)({ requestPolicy: 'network-only' }),
    [text, refetchSearch, refetchList],
  );
  const onKeyDown = useListKeys();
  const rows = data?.edges ?? [];

  return (
    <>
      <PageHeader title="Artifacts" subtitle="Every data set, model, metric and file a step read or wrote, by content." />
      <div className="toolbar">
        <div className="chips" role="group" aria-label="Filter by type">
          <button type="button" className="chip" aria-pressed={type === ''} onClick={() => setParams({ type: null })}>
            All types
          </button>
          {ARTIFACT_TYPES.map((t) => (
            <button type="button" key={t} className="chip" aria-pressed={type === t} onClick={() => setParams({ type: t })}>
              <span aria-hidden="true">{nodeIcon(t)} </span>
              {t}
            </button>
          ))}
        </div>
        <label className="search">
          <span className="visually-hidden">Search artifacts</span>
          <input type="search" placeholder="Search names, URIs, properties…" value={q} onChange={(e) => setParams({ q: e.target.value })} />
        </label>
        <label className="search">
          <span className="visually-hidden">URI prefix</span>
          <input
            type="search"
            placeholder="URI starts with…"
            value={uri}
            disabled={text !== ''}
            title={text ? 'The URI filter applies to the list, not to a text search' : undefined}
            onChange={(e) => setParams({ uri: e.target.value })}
          />
        </label>
      </div>
      {error && !rawData ? (
        <ErrorState title="Could not load the artifacts" message={error.message} onRetry={refresh} />
      ) : fetching && !rawData ? (
        <Loading label="Loading artifacts…" />
      ) : rows.length === 0 ? (
        <EmptyState title="No artifacts match">
          {q || type || uri ? 'Loosen the filters above.' : 'Run a pipeline to record some.'}
        </EmptyState>
      ) : (
        <div className="card table-card">
          <table className="table" onKeyDown={onKeyDown}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Digest</th>
                <th scope="col">Size</th>
                <th scope="col">Produced by</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/artifacts/${node.id}`} data-row className="row-title">
                      <span aria-hidden="true">{nodeIcon(node.type)} </span>
                      {node.name}
                    </Link>
                    <div className="muted small clamp mono" title={node.uri}>
                      {node.uri}
                    </div>
                  </td>
                  <td>
                    <span className="type-tag">{node.type}</span>
                  </td>
                  <td className="mono small" title={node.digest}>
                    {shortDigest(node.digest)}
                  </td>
                  <td>{formatBytes(node.size)}</td>
                  <td>
                    {node.producer ? (
                      <Link to={`/executions/${node.producer.executionId}?step=${encodeURIComponent(node.producer.stepName)}`}>
                        {node.producer.stepName}
                      </Link>
                    ) : (
                      <span className="muted">imported</span>
                    )}
                  </td>
                  <td title={formatTime(node.createdAt)}>{formatRelative(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data?.pageInfo.hasNextPage && PAGE * pages < 100 ? (
            <div className="table-footer">
              <button type="button" className="button" onClick={() => setPages(pages + 1)}>
                Load more
              </button>
            </div>
          ) : data?.pageInfo.hasNextPage ? (
            <p className="table-footer muted">Showing the newest 100; narrow the filters to see others.</p>
          ) : null}
        </div>
      )}
    </>
  );
}
