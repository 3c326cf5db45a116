import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatTime, shortDigest } from '../format.ts';
import { graphql } from '../gql/gql.ts';

export const ImpactQuery = graphql(`
  query Impact($id: ID!) {
    artifact(id: $id) {
      id
      name
      type
      digest
      uri
    }
    impact(artifactId: $id) {
      truncated
      models {
        id
        name
        digest
        createdAt
        producer {
          id
          executionId
        }
      }
      modelPackages {
        id
        group
        version
        approvalStatus
        createdAt
        modelArtifact {
          id
          name
        }
      }
      stepExecutions {
        id
      }
    }
  }
`);

/** `/datasets/:id/impact`: every model and model package built from a data set — what to pull if it was bad. */
export function ImpactView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ImpactQuery, variables: { id } });
  if (error && !data)
    return (
      <ErrorState title="Could not compute the impact" message={error.message} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    );
  if (fetching && !data) return <Loading label="Walking downstream…" />;
  const artifact = data?.artifact;
  if (!artifact || !data) {
    return (
      <EmptyState title={`No artifact ${id}`}>
        <Link to="/artifacts?type=DataSet">All data sets</Link>
      </EmptyState>
    );
  }
  const { impact } = data;
  const approved = impact.modelPackages.filter((p) => p.approvalStatus === 'Approved');
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Artifacts', to: '/artifacts?type=DataSet' },
          { label: artifact.name, to: `/artifacts/${artifact.id}` },
        ]}
        title={`Impact of ${artifact.name}`}
        subtitle={
          <>
            <span className="mono">{shortDigest(artifact.digest)}</span> · {artifact.uri}
          </>
        }
        actions={
          <Link className="button" to={`/lineage/${artifact.id}?dir=DOWNSTREAM&depth=10`}>
            Explore downstream lineage
          </Link>
        }
      />
      <div className="summary-tiles" aria-label="Impact summary">
        <div className="tile">
          <span className="tile-value">{impact.models.length}</span>
          <span className="tile-label">models built from it</span>
        </div>
        <div className="tile">
          <span className="tile-value">{impact.modelPackages.length}</span>
          <span className="tile-label">model packages</span>
        </div>
        <div className={`tile${approved.length > 0 ? ' tile-alert' : ''}`}>
          <span className="tile-value">{approved.length}</span>
          <span className="tile-label">approved (deployable)</span>
        </div>
        <div className="tile">
          <span className="tile-value">{impact.stepExecutions.length}</span>
          <span className="tile-label">step executions downstream</span>
        </div>
      </div>
      {impact.truncated ? (
        <div className="callout callout-warning" role="status">
          <strong>Truncated</strong> — the search hit its node limit; there may be more models.{' '}
          <Link to={`/lineage/${artifact.id}?dir=DOWNSTREAM&depth=50&limit=5000`}>Explore the full lineage</Link>
        </div>
      ) : null}
      {approved.length > 0 ? (
        <div className="callout callout-failed" role="note">
          <strong>
            {approved.length} approved package{approved.length === 1 ? '' : 's'} depend{approved.length === 1 ? 's' : ''} on this data.
          </strong>{' '}
          If the data was bad, review or reject {approved.length === 1 ? 'it' : 'them'}.
        </div>
      ) : null}
      <div className="grid-2">
        <section className="card table-card" aria-labelledby="impact-packages">
          <h2 id="impact-packages" className="card-title-pad">
            Model packages
          </h2>
          {impact.modelPackages.length === 0 ? (
            <EmptyState title="No model package was built from this data set" />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Package</th>
                  <th scope="col">Approval</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {impact.modelPackages.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/models/${p.modelArtifact.id}`}>
                        {p.group} v{p.version}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={p.approvalStatus} />
                    </td>
                    <td>{formatTime(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card table-card" aria-labelledby="impact-models">
          <h2 id="impact-models" className="card-title-pad">
            Models
          </h2>
          {impact.models.length === 0 ? (
            <EmptyState title="No model was built from this data set" />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Digest</th>
                  <th scope="col">Execution</th>
                </tr>
              </thead>
              <tbody>
                {impact.models.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/models/${m.id}`}>{m.name}</Link>
                      <div className="muted small">{formatTime(m.createdAt)}</div>
                    </td>
                    <td className="mono small">{shortDigest(m.digest)}</td>
                    <td>
                      {m.producer ? <Link to={`/executions/${m.producer.executionId}`}>{m.producer.executionId.slice(-10)}</Link> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
