import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { durationBetween, formatDuration, formatTime, formatValue, shortId } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { extractMetrics } from '../metrics.ts';
import { listParam, useUrlState } from '../url-state.ts';

export const CompareQuery = graphql(`
  query Compare($name: String!) {
    pipeline(name: $name) {
      name
      executions(first: 100) {
        edges {
          node {
            id
            status
            startedAt
            durationMs
            parameters
            pipelineVersion {
              version
            }
            steps {
              stepName
              status
              startedAt
              endedAt
              properties
            }
          }
        }
      }
    }
  }
`);

/** `/pipelines/:name/compare?ids=a,b&metric=`: executions side by side and one metric over time. */
export function CompareView() {
  const { name = '' } = useParams();
  const [params, setParams] = useUrlState();
  const ids = listParam(params, 'ids');
  const [{ data, fetching, error }] = useQuery({ query: CompareQuery, variables: { name } });

  const all = useMemo(
    () =>
      (data?.pipeline?.executions.edges ?? [])
        .map(({ node }) => ({ ...node, metrics: extractMetrics(node.steps) }))
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    [data],
  );
  const metricNames = useMemo(() => [...new Set(all.flatMap((e) => Object.keys(e.metrics)))].sort(), [all]);
  const metric = params.get('metric') ?? metricNames.find((m) => m.endsWith('.accuracy')) ?? metricNames[0] ?? '';

  if (error && !data) return <ErrorState title="Could not load the executions" message={error.message} />;
  if (fetching && !data) return <Loading label="Loading executions…" />;
  if (!data?.pipeline) return <EmptyState title={`No pipeline named “${name}”`} />;

  const chosen = ids.map((id) => all.find((e) => e.id === id)).filter((e): e is (typeof all)[number] => Boolean(e));
  const paramNames = [...new Set(chosen.flatMap((e) => Object.keys((e.parameters ?? {}) as Record<string, unknown>)))];
  const stepNames = [...new Set(chosen.flatMap((e) => e.steps.map((s) => s.stepName)))];
  const chosenMetrics = [...new Set(chosen.flatMap((e) => Object.keys(e.metrics)))].sort();
  const series = all
    .filter((e) => e.metrics[metric] !== undefined)
    .map((e) => ({ id: shortId(e.id, 6), startedAt: formatTime(e.startedAt), value: e.metrics[metric] }));
  const differs = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size > 1;
  const toggle = (id: string) => setParams({ ids: (ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id]).join(',') });

  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Pipelines', to: '/pipelines' },
          { label: name, to: `/pipelines/${encodeURIComponent(name)}` },
        ]}
        title="Compare executions"
        subtitle="Parameters, metrics and step durations side by side; differences are marked."
      />
      <section className="card" aria-labelledby="chart-title">
        <div className="card-header">
          <h2 id="chart-title">A metric across all executions</h2>
          <label className="inline-field">
            <span>Metric</span>
            <select value={metric} onChange={(e) => setParams({ metric: e.target.value })}>
              {metricNames.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        </div>
        {series.length === 0 ? (
          <EmptyState title="No execution recorded this metric yet" />
        ) : (
          <div className="chart" role="img" aria-label={`${metric} across ${series.length} executions, oldest first`}>
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={series} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                <XAxis dataKey="id" tick={{ fontSize: 12 }} />
                <YAxis domain={['auto', 'auto']} tick={{ fontSize: 12 }} width={60} />
                <Tooltip
                  formatter={(v) => formatValue(v)}
                  labelFormatter={(label, payload) => `${String(label)} · ${String(payload?.[0]?.payload?.startedAt ?? '')}`}
                />
                <Line
                  type="monotone"
                  dataKey="value"
                  name={metric}
                  stroke="var(--accent)"
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="pick-title">
        <h2 id="pick-title">Executions to compare</h2>
        <div className="chips wrap" role="group" aria-label="Executions">
          {[...all].reverse().map((e) => (
            <button type="button" key={e.id} className="chip" aria-pressed={ids.includes(e.id)} onClick={() => toggle(e.id)}>
              {shortId(e.id, 6)} · v{e.pipelineVersion.version} · {e.status}
            </button>
          ))}
        </div>
      </section>
      {chosen.length < 2 ? (
        <EmptyState title="Pick two or more executions">Select them above to see them side by side.</EmptyState>
      ) : (
        <section className="card table-card" aria-label="Side by side">
          <table className="table compare">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Field</span>
                </th>
                {chosen.map((e) => (
                  <th scope="col" key={e.id}>
                    <Link to={`/executions/${e.id}`} className="mono">
                      {shortId(e.id)}
                    </Link>
                    <div>
                      <StatusBadge status={e.status} />
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="group-row">
                <th scope="rowgroup" colSpan={chosen.length + 1}>
                  Run
                </th>
              </tr>
              <tr>
                <th scope="row">Version</th>
                {chosen.map((e) => (
                  <td key={e.id}>v{e.pipelineVersion.version}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Duration</th>
                {chosen.map((e) => (
                  <td key={e.id}>{formatDuration(e.durationMs)}</td>
                ))}
              </tr>
              <tr className="group-row">
                <th scope="rowgroup" colSpan={chosen.length + 1}>
                  Parameters
                </th>
              </tr>
              {paramNames.map((p) => {
                const values = chosen.map((e) => ((e.parameters ?? {}) as Record<string, unknown>)[p]);
                const changed = differs(values);
                return (
                  <tr key={p} className={changed ? 'is-different' : undefined}>
                    <th scope="row">
                      {p}
                      {changed ? <span className="diff-mark"> ≠</span> : null}
                    </th>
                    {values.map((v, i) => (
                      <td key={i} className="mono">
                        {formatValue(v)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              <tr className="group-row">
                <th scope="rowgroup" colSpan={chosen.length + 1}>
                  Metrics
                </th>
              </tr>
              {chosenMetrics.map((m) => {
                const values = chosen.map((e) => e.metrics[m]);
                const changed = differs(values);
                return (
                  <tr key={m} className={changed ? 'is-different' : undefined}>
                    <th scope="row">
                      {m}
                      {changed ? <span className="diff-mark"> ≠</span> : null}
                    </th>
                    {values.map((v, i) => (
                      <td key={i} className="mono">
                        {formatValue(v)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              <tr className="group-row">
                <th scope="rowgroup" colSpan={chosen.length + 1}>
                  Step durations
                </th>
              </tr>
              {stepNames.map((s) => (
                <tr key={s}>
                  <th scope="row">{s}</th>
                  {chosen.map((e) => {
                    const step = e.steps.find((x) => x.stepName === s);
                    return (
                      <td key={e.id}>
                        {step ? (
                          <>
                            {formatDuration(durationBetween(step.startedAt, step.endedAt))}{' '}
                            <span className="muted small">{step.status}</span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
