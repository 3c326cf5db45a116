import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { durationBetween, formatDuration, formatTime, shortDigest } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { LineageNodeFieldsFragment } from '../gql/graphql.ts';
import { parseOpenLineageUri, runIdOfNode } from '../openlineage.ts';

// Cost: one run by key, its parent, and one page of its raw events (at most 20, in event order).
const OpenLineageRunDetailsQuery = graphql(`
  query OpenLineageRunDetails($runId: ID!) {
    openLineageRun(runId: $runId) {
      id
      runId
      state
      startedAt
      endedAt
      facets
      producers
      eventCount
      job {
        namespace
        name
        facets
      }
      datasetFacets {
        direction
        artifact {
          id
          name
        }
        facets
      }
      parent {
        id
        runId
        state
        job {
          namespace
          name
        }
      }
      children {
        id
        runId
        state
        job {
          namespace
          name
        }
      }
      events(first: 20) {
        edges {
          node {
            eventDigest
            eventType
            eventTime
            producer
            event
          }
        }
      }
    }
  }
`);

// Cost: one dataset by key; facets are small JSON objects.
const OpenLineageDatasetDetailsQuery = graphql(`
  query OpenLineageDatasetDetails($namespace: String!, $name: String!) {
    openLineageDataset(namespace: $namespace, name: $name) {
      namespace
      name
      facets
      versions {
        id
      }
    }
  }
`);

/** OpenLineage details of the selected lineage node (a run, or a dataset another system reported); nothing for other nodes. */
export function OpenLineageDetails({ node }: { readonly node: LineageNodeFieldsFragment }) {
  if (node.type === 'OpenLineageRun') return <RunDetails runId={runIdOfNode(node.id)} />;
  const dataset = node.type === 'Artifact' ? parseOpenLineageUri(node.uri) : null;
  return dataset ? <DatasetDetails namespace={dataset.namespace} name={dataset.name} /> : null;
}

function FacetList({ facets }: { readonly facets: unknown }) {
  const entries = facets && typeof facets === 'object' ? Object.entries(facets as Record<string, unknown>) : [];
  if (entries.length === 0) return <p className="muted small">No facets.</p>;
  return (
    <ul className="ol-facets">
      {entries.map(([name, value]) => (
        <li key={name}>
          <details>
            <summary className="mono small">{name}</summary>
            <pre className="ol-json">{JSON.stringify(value, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}

function RunDetails({ runId }: { readonly runId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: OpenLineageRunDetailsQuery, variables: { runId } });
  if (error && !data)
    return <ErrorState title="Could not load the run" message={error.message} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <Loading label="Loading the OpenLineage run…" />;
  const run = data?.openLineageRun;
  if (!run) return null;
  const duration = durationBetween(run.startedAt, run.endedAt);
  return (
    <section className="card ol-details" aria-labelledby="ol-run-title">
      <h3 id="ol-run-title">OpenLineage run</h3>
      <dl className="facts">
        <dt>Job</dt>
        <dd>
          {run.job ? (
            <>
              <span className="mono small">{run.job.namespace}</span> / <strong>{run.job.name}</strong>
            </>
          ) : (
            <span className="muted">unknown (only named as a parent)</span>
          )}
        </dd>
        <dt>State</dt>
        <dd>
          <span className={`ol-state ol-state-${(run.state ?? 'none').toLowerCase()}`}>{run.state ?? 'not reported'}</span>
        </dd>
        <dt>Started</dt>
        <dd>{run.startedAt ? formatTime(run.startedAt) : '—'}</dd>
        <dt>Ended</dt>
        <dd>
          {run.endedAt ? formatTime(run.endedAt) : '—'}
          {duration !== null && run.endedAt ? ` (${formatDuration(duration)})` : ''}
        </dd>
        <dt>Parent</dt>
        <dd>
          {run.parent ? (
            <Link to={`/lineage/${run.parent.id}`}>
              {run.parent.job ? `${run.parent.job.namespace} / ${run.parent.job.name}` : run.parent.runId}
              {run.parent.state ? ` · ${run.parent.state}` : ''}
            </Link>
          ) : (
            'none'
          )}
        </dd>
        {run.children.length > 0 ? (
          <>
            <dt>Children</dt>
            <dd>
              <ul className="ol-children">
                {run.children.map((child) => (
                  <li key={child.id}>
                    <Link to={`/lineage/${child.id}`}>
                      {child.job ? `${child.job.namespace} / ${child.job.name}` : child.runId}
                      {child.state ? ` · ${child.state}` : ''}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Run id</dt>
        <dd className="mono small break">{run.runId}</dd>
        <dt>Producers</dt>
        <dd className="small break">{run.producers.join(', ')}</dd>
      </dl>
      <h4>Run facets</h4>
      <FacetList facets={run.facets} />
      {run.job ? (
        <>
          <h4>Job facets</h4>
          <FacetList facets={run.job.facets} />
        </>
      ) : null}
      {run.datasetFacets.length > 0 ? (
        <>
          <h4>Input and output facets</h4>
          <ul className="ol-facets" aria-label="Input and output facets">
            {run.datasetFacets.map((d) => (
              <li key={`${d.direction} ${d.artifact.id}`}>
                <span className="small">
                  {d.direction === 'INPUT' ? 'read' : 'wrote'} <strong>{d.artifact.name}</strong>
                </span>
                <FacetList facets={d.facets} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>
        Raw events ({run.eventCount}
        {run.eventCount > run.events.edges.length ? `, first ${run.events.edges.length}` : ''})
      </h4>
      <ul className="ol-facets">
        {run.events.edges.map(({ node: e }) => (
          <li key={e.eventDigest}>
            <details>
              <summary className="small">
                <strong>{e.eventType ?? 'event'}</strong> {formatTime(e.eventTime)}{' '}
                <span className="mono muted" title={e.eventDigest}>
                  {shortDigest(e.eventDigest, 8)}
                </span>
              </summary>
              <pre className="ol-json">{JSON.stringify(e.event, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DatasetDetails({ namespace, name }: { readonly namespace: string; readonly name: string }) {
  const [{ data, error }] = useQuery({ query: OpenLineageDatasetDetailsQuery, variables: { namespace, name } });
  const dataset = data?.openLineageDataset;
  return (
    <section className="card ol-details" aria-labelledby="ol-dataset-title">
      <h3 id="ol-dataset-title">OpenLineage dataset</h3>
      <dl className="facts">
        <dt>Namespace</dt>
        <dd className="mono small break">{namespace}</dd>
        <dt>Name</dt>
        <dd className="mono small break">{name}</dd>
        {dataset ? (
          <>
            <dt>Versions</dt>
            <dd>{dataset.versions.length}</dd>
          </>
        ) : null}
      </dl>
      {error ? <p className="muted small">Facets could not be loaded: {error.message}</p> : null}
      {dataset ? (
        <>
          <h4>Dataset facets</h4>
          <FacetList facets={dataset.facets} />
        </>
      ) : data ? (
        <p className="muted small">No OpenLineage event has named this dataset yet.</p>
      ) : null}
    </section>
  );
}
