import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatBytes, formatTime, formatValue, shortDigest, shortId } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { ApprovalForm } from './ApprovalForm.tsx';
import { AuditReportDownload } from './AuditReportDownload.tsx';

export const ModelQuery = graphql(`
  query Model($id: ID!) {
    artifact(id: $id) {
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
      modelPackages {
        id
        group
        version
        description
        approvalStatus
        createdAt
        metrics
        approvals {
          at
          by
          status
          comment
        }
      }
    }
    provenance(modelId: $id) {
      truncated
      datasets {
        depth
        artifact {
          id
          name
          digest
          uri
          producer {
            id
          }
        }
      }
      code {
        id
        name
        digest
        uri
      }
      executions {
        id
        status
        pipelineName
        startedAt
        parameters
        pipelineVersion {
          version
          definitionHash
        }
      }
      stepExecutions {
        id
        stepName
        stepType
        status
        executionId
        cacheHit
      }
      openLineageRuns {
        id
        job {
          namespace
          name
        }
        status
        startedAt
        outputs {
          id
        }
      }
    }
    viewer {
      role
    }
  }
`);

/** `/models/:id` (a model artifact): what it was built from, its packages and their approval. */
export function ModelView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ModelQuery, variables: { id } });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  if (error && !data) return <ErrorState title="Could not load the model" message={error.message} onRetry={refresh} />;
  if (fetching && !data) return <Loading label="Loading the model’s provenance…" />;
  const model = data?.artifact;
  if (!model) {
    return (
      <EmptyState title={`No model ${id}`}>
        <Link to="/models">All models</Link>
      </EmptyState>
    );
  }
  const provenance = data.provenance;
  const canEdit = data.viewer.role !== 'viewer';
  // A data set an external job wrote (known from OpenLineage) is no source, although no step of ours produced it.
  const writtenByExternalJob = new Set(provenance.openLineageRuns.flatMap((r) => r.outputs.map((o) => o.id)));
  const isSource = (artifact: { id: string; producer?: { id: string } | null }): boolean =>
    !artifact.producer && !writtenByExternalJob.has(artifact.id);
  const rawDatasets = provenance.datasets.filter((d) => isSource(d.artifact));
  const externalRuns = provenance.openLineageRuns;

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Models', to: '/models' }]}
        title={model.modelPackages[0] ? `${model.modelPackages[0].group} v${model.modelPackages[0].version}` : model.name}
        subtitle={
          <>
            {model.name} · <span className="mono">{shortDigest(model.digest)}</span> · {formatBytes(model.size)} · recorded{' '}
            {formatTime(model.createdAt)}
          </>
        }
        actions={
          <>
            <Link className="button" to={`/lineage/${model.id}?dir=UPSTREAM&depth=10`}>
              Explore lineage
            </Link>
            <AuditReportDownload modelId={model.id} />
          </>
        }
      />
      {provenance.truncated ? (
        <div className="callout callout-warning" role="status">
          <strong>Truncated</strong> — the provenance search hit its node limit; the lists below may be incomplete.{' '}
          <Link to={`/lineage/${model.id}?dir=UPSTREAM&depth=50&limit=5000`}>Explore the full lineage</Link>
        </div>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="prov-title">
          <h2 id="prov-title">Provenance</h2>
          <p className="muted small">
            Built from {provenance.datasets.length} data set{provenance.datasets.length === 1 ? '' : 's'} ({rawDatasets.length} source
            {rawDatasets.length === 1 ? '' : 's'}) by {provenance.stepExecutions.length} step executions in {provenance.executions.length}{' '}
            execution
            {provenance.executions.length === 1 ? '' : 's'}
            {externalRuns.length > 0
              ? `, upstream of ${externalRuns.length} external job run${externalRuns.length === 1 ? '' : 's'} (OpenLineage)`
              : ''}
            .
          </p>
          <h3>Data sets</h3>
          {provenance.datasets.length === 0 ? <p className="muted">No upstream data sets recorded.</p> : null}
          <table className="table compact" aria-label="Data sets behind this model">
            <thead>
              <tr>
                <th scope="col">Data set</th>
                <th scope="col">Digest</th>
                <th scope="col">Hops</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {provenance.datasets.map((d) => (
                <tr key={d.artifact.id}>
                  <td>
                    <Link to={`/artifacts/${d.artifact.id}`}>{d.artifact.name}</Link>
                    {isSource(d.artifact) ? <span className="type-tag">source</span> : null}
                    <div className="muted small clamp mono" title={d.artifact.uri}>
                      {d.artifact.uri}
                    </div>
                  </td>
                  <td className="mono small" title={d.artifact.digest}>
                    {shortDigest(d.artifact.digest)}
                  </td>
                  <td>{d.depth}</td>
                  <td>
                    <Link to={`/datasets/${d.artifact.id}/impact`}>Impact</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {externalRuns.length > 0 ? (
            <>
              <h3>External jobs</h3>
              <p className="muted small">
                Runs of other systems (Spark, dbt, Airflow, Flink) that wrote the data sets above, as their OpenLineage events report them.
              </p>
              <ul className="plain-list" aria-label="External job runs behind this model">
                {externalRuns.map((r) => (
                  <li key={r.id}>
                    <Link to={`/lineage/${r.id}?dir=UPSTREAM`}>{r.job?.name ?? r.id}</Link>{' '}
                    {r.status ? <StatusBadge status={r.status} /> : null} <span className="muted small mono">{r.job?.namespace ?? ''}</span>
                    {r.startedAt ? <span className="muted small"> · {formatTime(r.startedAt)}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Code</h3>
          {provenance.code.length === 0 ? (
            <p className="muted small">
              No code artifacts recorded; each step’s code digest is part of its cache key (see the steps below).
            </p>
          ) : (
            <ul className="plain-list">
              {provenance.code.map((c) => (
                <li key={c.id}>
                  <Link to={`/artifacts/${c.id}`}>{c.name}</Link> <span className="mono small muted">{shortDigest(c.digest)}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>Executions and parameters</h3>
          {provenance.executions.map((ex) => (
            <div key={ex.id} className="execution-summary">
              <div>
                <Link to={`/executions/${ex.id}`} className="mono">
                  {ex.pipelineName} v{ex.pipelineVersion.version} · {shortId(ex.id)}
                </Link>{' '}
                <StatusBadge status={ex.status} /> <span className="muted small">{formatTime(ex.startedAt)}</span>
              </div>
              <div className="param-list">
                {Object.entries((ex.parameters ?? {}) as Record<string, unknown>).map(([k, v]) => (
                  <span key={k} className="metric">
                    {k} <strong>{formatValue(v)}</strong>
                  </span>
                ))}
              </div>
            </div>
          ))}
          <h3>Steps</h3>
          <ul className="plain-list inline-list">
            {provenance.stepExecutions.map((s) => (
              <li key={s.id}>
                <Link to={`/executions/${s.executionId}?step=${encodeURIComponent(s.stepName)}`}>{s.stepName}</Link>{' '}
                <StatusBadge status={s.cacheHit ? 'Cached' : s.status} />
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="packages-title">
          <h2 id="packages-title">Registry</h2>
          {model.modelPackages.length === 0 ? <p className="muted">This model was not registered as a package.</p> : null}
          {model.modelPackages.map((p) => (
            <div key={p.id} className="package">
              <div className="package-head">
                <h3>
                  {p.group} v{p.version}
                </h3>
                <StatusBadge status={p.approvalStatus} />
              </div>
              {p.description ? <p>{p.description}</p> : null}
              <div className="param-list">
                {Object.entries((p.metrics ?? {}) as Record<string, unknown>).map(([k, v]) => (
                  <span key={k} className="metric">
                    {k} <strong>{formatValue(v)}</strong>
                  </span>
                ))}
              </div>
              {canEdit ? (
                <ApprovalForm packageId={p.id} label={`${p.group} v${p.version}`} current={p.approvalStatus} onDone={refresh} />
              ) : null}
              <h4>Approval history</h4>
              <ol className="history">
                {[...p.approvals].reverse().map((a, i) => (
                  <li key={`${a.at}-${i}`}>
                    <StatusBadge status={a.status} /> <span className="muted small">{formatTime(a.at)}</span> by <strong>{a.by}</strong>
                    {a.comment ? <blockquote>{a.comment}</blockquote> : null}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      </div>
    </>
  );
}
