import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PipelineDagGraph } from '../components/PipelineDagGraph.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { StepTimeline } from '../components/StepTimeline.tsx';
import { durationBetween, formatDuration, formatTime, formatValue, shortId } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { ExecutionEventsSubscription as ExecutionEventsData } from '../gql/graphql.ts';
import { isTerminalExecutionStatus } from '../status.ts';
import { useUrlState } from '../url-state.ts';
import { StepPanel } from './StepPanel.tsx';
import type { LiveLogLine } from './StepLogs.tsx';

export const ExecutionQuery = graphql(`
  query Execution($id: ID!) {
    execution(id: $id) {
      id
      status
      startedAt
      endedAt
      durationMs
      failureReason
      parameters
      createdBy
      pipelineName
      pipelineVersion {
        id
        version
        dag {
          ...PipelineDagGraph
        }
      }
      steps {
        ...StepPanelStep
      }
    }
    viewer {
      role
    }
  }
`);

const ExecutionEventsSubscription = graphql(`
  subscription ExecutionEvents($id: ID!) {
    executionEvents(executionId: $id) {
      kind
      at
      stepName
      stepStatus
      executionStatus
      message
      stream
      attempt
    }
  }
`);

const StopExecutionMutation = graphql(`
  mutation StopExecution($id: ID!) {
    stopExecution(id: $id) {
      errors {
        message
      }
      execution {
        id
        status
      }
    }
  }
`);

const RetryExecutionMutation = graphql(`
  mutation RetryExecution($id: ID!) {
    retryExecution(id: $id) {
      errors {
        message
      }
      execution {
        id
        status
      }
    }
  }
`);

interface LiveState {
  readonly events: number;
  readonly statuses: Readonly<Record<string, string>>;
  readonly executionStatus: string | null;
  readonly logs: Readonly<Record<string, readonly LiveLogLine[]>>;
}

const EMPTY_LIVE: LiveState = { events: 0, statuses: {}, executionStatus: null, logs: {} };
const MAX_LIVE_LOG_LINES = 500;

function reduceEvent(prev: LiveState | undefined, data: ExecutionEventsData): LiveState {
  const state = prev ?? EMPTY_LIVE;
  const e = data.executionEvents;
  if (e.kind === 'STEP_STATUS' && e.stepName && e.stepStatus) {
    return { ...state, events: state.events + 1, statuses: { ...state.statuses, [e.stepName]: e.stepStatus } };
  }
  if (e.kind === 'EXECUTION_STATUS' && e.executionStatus) return { ...state, events: state.events + 1, executionStatus: e.executionStatus };
  if (e.kind === 'LOG' && e.stepName && e.message !== null && e.message !== undefined) {
    const lines = [...(state.logs[e.stepName] ?? []), { message: e.message, stream: e.stream ?? 'log' }].slice(-MAX_LIVE_LOG_LINES);
    return { ...state, logs: { ...state.logs, [e.stepName]: lines } };
  }
  return state;
}

/** `/executions/:id?step=`: the run's DAG coloured by live status, its timeline and a step panel. */
export function ExecutionView() {
  const { id = '' } = useParams();
  const [params, setParams] = useUrlState();
  const selected = params.get('step');
  const [{ data, fetching, error }, refetch] = useQuery({ query: ExecutionQuery, variables: { id } });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const execution = data?.execution;
  const terminal = execution ? isTerminalExecutionStatus(execution.status) : true;
  const [{ data: live = EMPTY_LIVE }] = useSubscription(
    { query: ExecutionEventsSubscription, variables: { id }, pause: !execution || terminal },
    reduceEvent,
  );
  const [{ fetching: stopping }, stop] = useMutation(StopExecutionMutation);
  const [{ fetching: retrying }, retry] = useMutation(RetryExecutionMutation);
  const [actionError, setActionError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Each status event refetches the execution (timings, cache and artifacts), at most every 250 ms.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (live.events === 0 || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, 250);
  }, [live.events, refresh]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // While running: a clock for durations, and a slow safety-net refetch in case an event was missed.
  useEffect(() => {
    if (terminal) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(refresh, 5000);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [terminal, refresh]);

  const statuses = useMemo(() => {
    const map: Record<string, string> = {};
    for (const s of execution?.steps ?? []) map[s.stepName] = s.status;
    for (const [name, status] of Object.entries(live.statuses)) {
      const known = map[name];
      // The live status wins unless the refetched row is already final and the live one is not.
      if (
        !known ||
        !['Succeeded', 'Failed', 'Cached', 'Skipped', 'Stopped'].includes(known) ||
        ['Succeeded', 'Failed', 'Cached', 'Skipped', 'Stopped'].includes(status)
      ) {
        map[name] = status;
      }
    }
    return map;
  }, [execution?.steps, live.statuses]);

  if (error && !data) return <ErrorState title="Could not load the execution" message={error.message} onRetry={refresh} />;
  if (fetching && !data) return <Loading label="Loading execution…" />;
  if (!execution) {
    return (
      <EmptyState title={`No execution ${id}`}>
        <Link to="/pipelines">All pipelines</Link>
      </EmptyState>
    );
  }

  const canEdit = data?.viewer.role !== 'viewer';
  const status = terminal ? execution.status : (live.executionStatus ?? execution.status);
  const dagNode = execution.pipelineVersion.dag.nodes.find((n) => n.name === selected);
  const selectedStep = execution.steps.find((s) => s.stepName === selected) ?? null;
  const select = (step: string) => setParams({ step: step === selected ? null : step });
  const doneCount = Object.values(statuses).filter((s) => ['Succeeded', 'Cached', 'Skipped'].includes(s)).length;
  const total = execution.pipelineVersion.dag.nodes.length;

  async function act(kind: 'stop' | 'retry') {
    setActionError(null);
    const result = kind === 'stop' ? await stop({ id }) : await retry({ id });
    const payload = result.data ? ('stopExecution' in result.data ? result.data.stopExecution : result.data.retryExecution) : null;
    const message = result.error?.message ?? payload?.errors.map((e) => e.message).join(' ');
    if (message) setActionError(message);
    refresh();
  }

  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Pipelines', to: '/pipelines' },
          { label: execution.pipelineName, to: `/pipelines/${encodeURIComponent(execution.pipelineName)}` },
        ]}
        title={
          <>
            Execution <span className="mono">{shortId(execution.id)}</span> <StatusBadge status={status} />
          </>
        }
        subtitle={
          <>
            v{execution.pipelineVersion.version} · started {formatTime(execution.startedAt)} ·{' '}
            {formatDuration(execution.endedAt ? execution.durationMs : durationBetween(execution.startedAt, null, now))} · {doneCount}/
            {total} steps done{execution.createdBy ? ` · by ${execution.createdBy}` : ''}
          </>
        }
        actions={
          canEdit ? (
            <>
              {status === 'Executing' ? (
                <button type="button" className="button danger" onClick={() => act('stop')} disabled={stopping}>
                  ■ {stopping ? 'Stopping…' : 'Stop'}
                </button>
              ) : null}
              {status === 'Failed' || status === 'Stopped' ? (
                <button type="button" className="button primary" onClick={() => act('retry')} disabled={retrying}>
                  ↻ {retrying ? 'Retrying…' : 'Retry'}
                </button>
              ) : null}
            </>
          ) : null
        }
      />
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {execution.failureReason ? (
        <div className="callout callout-failed" role="note">
          <strong>Why it {execution.status === 'Stopped' ? 'stopped' : 'failed'}</strong>
          <p>{execution.failureReason}</p>
        </div>
      ) : null}
      <div className={`split${selected ? ' with-panel' : ''}`}>
        <div className="split-main">
          <section className="card" aria-labelledby="exec-dag-title">
            <div className="card-header">
              <h2 id="exec-dag-title">Steps</h2>
              <span className="muted small">{terminal ? 'Final state' : 'Live: updates as steps change'}</span>
            </div>
            <PipelineDagGraph dag={execution.pipelineVersion.dag} statuses={statuses} selected={selected} onSelect={select} height={380} />
            <ul className="visually-hidden" aria-label="Step statuses" aria-live="polite">
              {execution.pipelineVersion.dag.nodes.map((n) => (
                <li key={n.name}>
                  {n.name}: {statuses[n.name] ?? 'Not started'}
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <StepTimeline
              steps={execution.steps.map((s) => ({ ...s, status: statuses[s.stepName] ?? s.status }))}
              executionStart={execution.startedAt}
              now={now}
              selected={selected}
              onSelect={select}
            />
          </section>
          <section className="card" aria-labelledby="params-title">
            <h2 id="params-title">Parameters</h2>
            <dl className="facts">
              {Object.entries((execution.parameters ?? {}) as Record<string, unknown>).map(([k, v]) => (
                <div key={k} className="fact-row">
                  <dt>{k}</dt>
                  <dd className="mono">{formatValue(v)}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
        {selected ? (
          dagNode ? (
            <StepPanel
              stepName={dagNode.name}
              stepType={dagNode.type}
              step={selectedStep}
              liveStatus={statuses[dagNode.name]}
              liveLogs={live.logs[dagNode.name] ?? []}
              now={now}
              onClose={() => setParams({ step: null })}
            />
          ) : (
            <aside className="card step-panel">
              <EmptyState title={`No step named “${selected}”`} />
            </aside>
          )
        ) : null}
      </div>
    </>
  );
}
