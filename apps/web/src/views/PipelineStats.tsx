import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { formatDuration } from '../format.ts';
import { graphql } from '../gql/gql.ts';

// Cost: one bounded aggregation on the server (the newest executions of the window, pages of 500).
const PipelineStatsQuery = graphql(`
  query PipelineStats($name: String!, $since: DateTime) {
    executionStats(pipelineName: $name, since: $since) {
      total
      truncated
      byStatus {
        status
        count
      }
      p50DurationMs
      p95DurationMs
      cacheLookups
      cacheHits
      cacheHitRatio
    }
  }
`);

/** The window the card sums up. */
export const STATS_WINDOW_DAYS = 30;

interface PipelineStatsProps {
  readonly pipelineName: string;
  /** Changes whenever an execution of the pipeline changed status: the card refetches. */
  readonly refreshToken: number;
}

/** Executions of the last 30 days at a glance: counts by status, p50/p95 duration, cache hit ratio. */
export function PipelineStats({ pipelineName, refreshToken }: PipelineStatsProps) {
  // Fixed once per mount, so that the variables (and the cached result) stay stable between renders.
  const [since] = useState(() => new Date(Date.now() - STATS_WINDOW_DAYS * 24 * 3600 * 1000).toISOString());
  const [{ data, error }, refetch] = useQuery({ query: PipelineStatsQuery, variables: { name: pipelineName, since } });
  useEffect(() => {
    if (refreshToken > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshToken, refetch]);
  const stats = data?.executionStats;
  return (
    <section className="card" aria-labelledby="stats-title">
      <div className="card-header">
        <h2 id="stats-title">Last {STATS_WINDOW_DAYS} days</h2>
        {stats?.truncated ? <span className="muted small">the newest {stats.total} executions</span> : null}
      </div>
      {error && !stats ? <p className="muted">Statistics are not available: {error.message}</p> : null}
      {stats ? (
        <p aria-label="Execution statistics">
          <span className="metric">
            executions <strong>{stats.total}</strong>
          </span>
          {stats.byStatus
            .filter((s) => s.count > 0)
            .map((s) => (
              <span key={s.status} className="metric">
                {s.status} <strong>{s.count}</strong>
              </span>
            ))}
          <span className="metric">
            p50 <strong>{formatDuration(stats.p50DurationMs)}</strong>
          </span>
          <span className="metric">
            p95 <strong>{formatDuration(stats.p95DurationMs)}</strong>
          </span>
          <span className="metric" title={`${stats.cacheHits} of ${stats.cacheLookups} cache lookups were hits`}>
            cache hits{' '}
            <strong>
              {stats.cacheHitRatio === null || stats.cacheHitRatio === undefined ? '—' : `${Math.round(stats.cacheHitRatio * 100)}%`}
            </strong>
          </span>
        </p>
      ) : null}
    </section>
  );
}
