import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PipelineDagGraph } from '../components/PipelineDagGraph.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDuration, formatRelative, formatTime, shortDigest, shortId } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { ExecutionStatus } from '../gql/graphql.ts';
import { useListKeys } from '../use-list-keys.ts';
import { useExecutionsChanged } from '../use-live-refetch.ts';
import { useUrlState } from '../url-state.ts';
import { PipelineStats } from './PipelineStats.tsx';
import { StartExecutionForm } from './StartExecutionForm.tsx';
import { VersionDiff } from './VersionDiff.tsx';

export const PipelineQuery = graphql(`
  query Pipeline($name: String!, $version: Int, $statuses: [ExecutionStatus!]) {
    pipeline(name: $name) {
      name
      description
      latestVersion
      createdAt
      version(version: $version) {
        id
        version
        definitionHash
        createdAt
        dag {
          ...PipelineDagGraph
        }
        parameters {
          ...StartExecutionParams
        }
      }
      versions(first: 100) {
        edges {
          node {
            id
            version
            createdAt
            definitionHash
          }
        }
      }
      executions(first: 50, statuses: $statuses) {
        edges {
          node {
            id
            status
            startedAt
            durationMs
            createdBy
            pipelineVersion {
              version
            }
          }
        }
      }
    }
    viewer {
      role
    }
  }
`);

const STATUSES: readonly ExecutionStatus[] = ['Executing', 'Succeeded', 'Failed', 'Stopping', 'Stopped'];
type Tab = 'executions' | 'versions';

/** `/pipelines/:name?version=&tab=&status=&start=1&a=&b=`: DAG, executions, versions and the start form. */
export function PipelineView() {
  const { name = '' } = useParams();
  const [params, setParams] = useUrlState();
  const navigate = useNavigate();
  const versionParam = Number(params.get('version'));
  const version = Number.isInteger(versionParam) && versionParam > 0 ? versionParam : null;
  const tab: Tab = params.get('tab') === 'versions' ? 'versions' : 'executions';
  const status = STATUSES.find((s) => s === params.get('status')) ?? null;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PipelineQuery,
    variables: { name, version, statuses: status ? [status] : null },
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const [statsToken, setStatsToken] = useState(0);
  const onChanged = useCallback(() => {
    refresh();
    setStatsToken((n) => n + 1);
  }, [refresh]);
  useExecutionsChanged(onChanged, name);
  const [picked, setPicked] = useState<string[]>([]);
  const onKeyDown = useListKeys();

  if (error && !data) return <ErrorState title={`Could not load pipeline ${name}`} message={error.message} onRetry={refresh} />;
  if (fetching && !data) return <Loading label={`Loading pipeline ${name}…`} />;
  const pipeline = data?.pipeline;
  if (!pipeline) {
    return (
      <EmptyState title={`No pipeline named “${name}”`}>
        <Link to="/pipelines">All pipelines</Link>
      </EmptyState>
    );
  }
  const current = pipeline.version;
  const executions = pipeline.executions.edges.map((e) => e.node);
  const versions = pipeline.versions.edges.map((e) => e.node);
  const diffA = Number(params.get('a'));
  const diffB = Number(params.get('b'));
  // Starting needs the editor role: viewers are not offered what the server would refuse.
  const canEdit = data?.viewer.role !== 'viewer';
  const showStart = canEdit && params.get('start') === '1' && current;

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Pipelines', to: '/pipelines' }]}
        title={pipeline.name}
        subtitle={pipeline.description}
        actions={
          <>
            <label className="inline-field">
              <span>Version</span>
              <select value={current?.version ?? ''} onChange={(e) => setParams({ version: e.target.value, start: null })}>
                {versions.map((v) => (
                  <option key={v.id} value={v.version}>
                    v{v.version}
                    {v.version === pipeline.latestVersion ? ' (latest)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <Link className="button" to={`/pipelines/${encodeURIComponent(name)}/compare`}>
              Compare executions
            </Link>
            {canEdit ? (
              <button
                type="button"
                className="button primary"
                onClick={() => setParams({ start: showStart ? null : '1' })}
                aria-expanded={Boolean(showStart)}
              >
                ▶ Start execution
              </button>
            ) : null}
          </>
        }
      />
      {showStart && current ? (
        <StartExecutionForm
          pipelineName={pipeline.name}
          version={current.version}
          parameters={current.parameters}
          onCancel={() => setParams({ start: null })}
        />
      ) : null}
      {current ? (
        <section className="card" aria-labelledby="dag-title">
          <div className="card-header">
            <h2 id="dag-title">Steps of v{current.version}</h2>
            <span className="muted small" title={current.definitionHash}>
              {shortDigest(current.definitionHash)} · stored {formatTime(current.createdAt)}
            </span>
          </div>
          <PipelineDagGraph dag={current.dag} />
          <div className="legend" aria-label="Legend">
            <span>
              <span className="legend-line" /> data or order dependency
            </span>
            <span>
              <span className="legend-line dashed if" /> condition “if true” branch
            </span>
            <span>
              <span className="legend-line dashed else" /> “else” branch
            </span>
          </div>
        </section>
      ) : (
        <EmptyState title={`Version ${version ?? ''} does not exist`} />
      )}

      <PipelineStats pipelineName={pipeline.name} refreshToken={statsToken} />

      <div className="tabs" role="tablist" aria-label="Pipeline sections">
        <button type="button" role="tab" aria-selected={tab === 'executions'} onClick={() => setParams({ tab: null })}>
          Executions
        </button>
        <button type="button" role="tab" aria-selected={tab === 'versions'} onClick={() => setParams({ tab: 'versions' })}>
          Versions ({versions.length})
        </button>
      </div>

      {tab === 'executions' ? (
        <section className="card table-card" aria-label="Executions">
          <div className="card-header">
            <div className="chips" role="group" aria-label="Filter by status">
              <button type="button" className="chip" aria-pressed={status === null} onClick={() => setParams({ status: null })}>
                All
              </button>
              {STATUSES.map((s) => (
                <button type="button" key={s} className="chip" aria-pressed={status === s} onClick={() => setParams({ status: s })}>
                  {s}
                </button>
              ))}
            </div>
            <button
              type="button"
              className="button small"
              disabled={picked.length < 2}
              onClick={() => navigate(`/pipelines/${encodeURIComponent(name)}/compare?ids=${picked.join(',')}`)}
            >
              Compare {picked.length > 0 ? picked.length : ''} selected
            </button>
          </div>
          {executions.length === 0 ? (
            <EmptyState title={status ? `No ${status} executions` : 'No executions yet'}>
              {canEdit ? 'Start one with the button above.' : 'An editor can start one.'}
            </EmptyState>
          ) : (
            <table className="table" onKeyDown={onKeyDown}>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Execution</th>
                  <th scope="col">Version</th>
                  <th scope="col">Started</th>
                  <th scope="col">Duration</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {executions.map((ex) => (
                  <tr key={ex.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${ex.id} for comparison`}
                        checked={picked.includes(ex.id)}
                        onChange={(e) => setPicked(e.target.checked ? [...picked, ex.id] : picked.filter((p) => p !== ex.id))}
                      />
                    </td>
                    <td>
                      <StatusBadge status={ex.status} />
                    </td>
                    <td>
                      <Link to={`/executions/${ex.id}`} data-row className="mono" title={ex.id}>
                        {shortId(ex.id)}
                      </Link>
                    </td>
                    <td>v{ex.pipelineVersion.version}</td>
                    <td title={formatTime(ex.startedAt)}>{formatRelative(ex.startedAt)}</td>
                    <td>{formatDuration(ex.durationMs)}</td>
                    <td className="muted">{ex.createdBy ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : (
        <section aria-label="Versions">
          <div className="card table-card">
            <table className="table" onKeyDown={onKeyDown}>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Definition hash</th>
                  <th scope="col">Stored</th>
                  <th scope="col">Compare definitions</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link to={`?version=${v.version}`} data-row>
                        v{v.version}
                      </Link>
                    </td>
                    <td className="mono" title={v.definitionHash}>
                      {shortDigest(v.definitionHash)}
                    </td>
                    <td>{formatTime(v.createdAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="chip"
                        aria-pressed={diffA === v.version}
                        onClick={() => setParams({ tab: 'versions', a: String(v.version) })}
                      >
                        as before
                      </button>
                      <button
                        type="button"
                        className="chip"
                        aria-pressed={diffB === v.version}
                        onClick={() => setParams({ tab: 'versions', b: String(v.version) })}
                      >
                        as after
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {diffA > 0 && diffB > 0 ? (
            <VersionDiff pipelineName={pipeline.name} a={diffA} b={diffB} />
          ) : (
            <p className="muted">Pick a “before” and an “after” version to see how their definitions differ.</p>
          )}
        </section>
      )}
    </>
  );
}
