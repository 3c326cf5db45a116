import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatBytes, formatTime, formatValue } from '../format.ts';
import { graphql } from '../gql/gql.ts';

export const ArtifactQuery = graphql(`
  query Artifact($id: ID!) {
    artifact(id: $id) {
      id
      name
      type
      digest
      uri
      size
      createdAt
      properties
      producer {
        id
        stepName
        executionId
      }
      previousVersion {
        id
        name
        createdAt
      }
      modelPackages {
        id
        group
        version
        approvalStatus
      }
    }
  }
`);

/** `/artifacts/:id`: what an artifact is, where it came from, and the ways to explore it. */
export function ArtifactView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ArtifactQuery, variables: { id } });
  if (error && !data)
    return (
      <ErrorState title="Could not load the artifact" message={error.message} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    );
  if (fetching && !data) return <Loading label="Loading artifact…" />;
  const artifact = data?.artifact;
  if (!artifact) {
    return (
      <EmptyState title={`No artifact ${id}`}>
        <Link to="/artifacts">All artifacts</Link>
      </EmptyState>
    );
  }
  const properties = Object.entries((artifact.properties ?? {}) as Record<string, unknown>);
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Artifacts', to: '/artifacts' },
          { label: artifact.type, to: `/artifacts?type=${artifact.type}` },
        ]}
        title={artifact.name}
        subtitle={<span className="mono">{artifact.uri}</span>}
        actions={
          <>
            <Link className="button" to={`/lineage/${artifact.id}`}>
              Explore lineage
            </Link>
            {artifact.type === 'Model' ? (
              <Link className="button primary" to={`/models/${artifact.id}`}>
                Model provenance
              </Link>
            ) : null}
            {artifact.type === 'DataSet' ? (
              <Link className="button primary" to={`/datasets/${artifact.id}/impact`}>
                Impact: what was built from it
              </Link>
            ) : null}
          </>
        }
      />
      <div className="grid-2">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">Facts</h2>
          <dl className="facts">
            <dt>Type</dt>
            <dd>{artifact.type}</dd>
            <dt>Digest</dt>
            <dd className="mono small break">{artifact.digest}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(artifact.size)}</dd>
            <dt>Recorded</dt>
            <dd>{formatTime(artifact.createdAt)}</dd>
            <dt>Produced by</dt>
            <dd>
              {artifact.producer ? (
                <Link to={`/executions/${artifact.producer.executionId}?step=${encodeURIComponent(artifact.producer.stepName)}`}>
                  {artifact.producer.stepName}
                </Link>
              ) : (
                'Imported (no producing step)'
              )}
            </dd>
            <dt>Earlier version</dt>
            <dd>
              {artifact.previousVersion ? (
                <Link to={`/artifacts/${artifact.previousVersion.id}`}>{formatTime(artifact.previousVersion.createdAt)}</Link>
              ) : (
                'None'
              )}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="props-title">
          <h2 id="props-title">Properties</h2>
          {properties.length === 0 ? (
            <p className="muted">No properties.</p>
          ) : (
            <dl className="facts">
              {properties.map(([k, v]) => (
                <div key={k} className="fact-row">
                  <dt>{k}</dt>
                  <dd className="mono small break">{formatValue(v)}</dd>
                </div>
              ))}
            </dl>
          )}
          {artifact.modelPackages.length > 0 ? (
            <>
              <h3>Registered as</h3>
              <ul className="plain-list">
                {artifact.modelPackages.map((p) => (
                  <li key={p.id}>
                    <Link to={`/models/${artifact.id}`}>
                      {p.group} v{p.version}
                    </Link>{' '}
                    <StatusBadge status={p.approvalStatus} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}
