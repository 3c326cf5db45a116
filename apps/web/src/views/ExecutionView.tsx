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
import type { ExecutionEventsSubscription as ExecutionEventsData, StepPanelStepFragment } from '../gql/graphql.ts';
import { isTerminalExecutionStatus } from '../status.ts';
import { useUrlState } from '../url-state.ts';
import { StepPanel } from './StepPanel.tsx';
import type { LiveLogLine } from './StepLogs.tsx';
import { mutationErrorMessage } from '../mutation-error.ts';

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

// Step events carry the step's timings and cache outcome, so the live view updates without refetching.
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
      stepExecutionId
      startedAt
      endedAt
      cacheHit
      reusedStepExecution {
        id
        executionId
        stepName
      }
      cacheMiss {
        reason
        message
        differingFields
        nearestStepExecution {
          id
          executionId
        }
      }
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

type LiveEvent = ExecutionEventsData['executionEvents'];

/** What the events said about one step, newer than the last fetched row. */
interface LiveStep {
  readonly stepExecutionId: string | null;
  readonly status: string;
  readonly attempt: number | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly failureReason: string | null;
  readonly cacheHit: boolean;
  readonly reusedStepExecution: LiveEvent['reusedStepExecution'];
  readonly cacheMiss: LiveEvent['cacheMiss'];
}

interface LiveState {
  /** EXECUTION_STATUS events seen: each one refetches the execution (outputs, failure reasons). */
  readonly executionEvents: number;
  readonly steps: Readonly<Record<string, LiveStep>>;
  readonly executionStatus: string | null;
  readonly logs: Readonly<Record<string, readonly LiveLogLine[]>>;
}

const EMPTY_LIVE: LiveState = { executionEvents: 0, steps: {}, executionStatus: null, logs: {} };
const MAX_LIVE_LOG_LINES = 500;
const FINAL_STEP_STATUSES = ['Succeeded', 'Failed', 'Cached', 'Skipped', 'Stopped'];

function reduceEvent(prev: LiveState | undefined, data: ExecutionEventsData): LiveState {
  const state = prev ?? EMPTY_LIVE;
  const e = data.executionEvents;
  if (e.kind === 'STEP_STATUS' && e.stepName && e.stepStatus) {
    const step: LiveStep = {
      stepExecutionId: e.stepExecutionId ?? null,
      status: e.stepStatus,
      attempt: e.attempt ?? null,
      startedAt: e.startedAt ?? null,
      endedAt: e.endedAt ?? null,
      failureReason: e.stepStatus === 'Failed' ? (e.message ?? null) : null,
      cacheHit: e.cacheHit ?? false,
      reusedStepExecution: e.reusedStepExecution ?? null,
      cacheMiss: e.cacheMiss ?? null,
    };
    return { ...state, steps: { ...state.steps, [e.stepName]: step } };
  }
  if (e.kind === 'EXECUTION_STATUS' && e.executionStatus) {
    return { ...state, executionEvents: state.executionEvents + 1, executionStatus: e.executionStatus };
  }
  if (e.kind === 'LOG' && e.stepName && e.message !== null && e.message !== undefined) {
    const lines = [...(state.logs[e.stepName] ?? []), { message: e.message, stream: e.stream ?? 'log' }].slice(-MAX_LIVE_LOG_LINES);
    return { ...state, logs: { ...state.logs, [e.stepName]: lines } };
  }
  return state;
}

/**
 * A fetched step row with what the events said since: the live status wins unless the row is
 * already final and the event is not (an event older than the refetch).
 */
function mergeLiveStep(row: StepPanelStepFragment | null, live: LiveStep | undefined, stepName: string, stepType: string) {
  if (!live) return row;
  if (row && FINAL_STEP_STATUSES.includes(row.status) && !FINAL_STEP_STATUSES.includes(live.status)) return row;
  const base: StepPanelStepFragment = row ?? {
    id: live.stepExecutionId ?? stepName,
    stepName,
    stepType,
    status: live.status as StepPanelStepFragment['status'],
    attempt: live.attempt ?? 0,
    startedAt: null,
    endedAt: null,
    failureReason: null,
    cacheHit: false,
    cacheKey: null,
    cacheMiss: null,
    reusedStepExecution: null,
    properties: null,
    attempts: [],
    inputs: [],
    outputs: [],
  };
  return {
    ...base,
    status: live.status as StepPanelStepFragment['status'],
    attempt: live.attempt ?? base.attempt,
    startedAt: live.startedAt ?? base.startedAt ?? null,
    endedAt: live.endedAt,
    failureReason: live.failureReason ?? base.failureReason ?? null,
    cacheHit: live.cacheHit,
    reusedStepExecution: live.reusedStepExecution ?? base.reusedStepExecution ?? null,
    cacheMiss: live.cacheMiss ?? base.cacheMiss ?? null,
  };
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

  // Step events carry timings and cache outcomes (merged below); only a change of the execution's
  // status refetches it (final outputs, failure reasons), at most every 250 ms.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (live.executionEvents === 0 || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, 250);
  }, [live.executionEvents, refresh]);
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
    const poll = setInterval(refresh, 15_000);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [terminal, refresh]);

  // The fetched rows in their order (first start), then steps only the events know of yet.
  const steps = useMemo(() => {
    const rows = execution?.steps ?? [];
    const merged = rows.map((row) => mergeLiveStep(row, live.steps[row.stepName], row.stepName, row.stepType)!);
    const known = new Set(rows.map((row) => row.stepName));
    for (const node of execution?.pipelineVersion.dag.nodes ?? []) {
      if (known.has(node.name)) continue;
      const step = mergeLiveStep(null, live.steps[node.name], node.name, node.type);
      if (step) merged.push(step);
    }
    return merged;
  }, [execution, live.steps]);
  const statuses = useMemo(() => Object.fromEntries(steps.map((s) => [s.stepName, s.status])), [steps]);

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
  const selectedStep = steps.find((s) => s.stepName === selected) ?? null;
  const select = (step: string) => setParams({ step: step === selected ? null : step });
  const doneCount = Object.values(statuses).filter((s) => ['Succeeded', 'Cached', 'Skipped'].includes(s)).length;
  const total = execution.pipelineVersion.dag.nodes.length;

  async function act(kind: 'stop' | 'retry') {
    setActionError(null);
    const result = kind === 'stop' ? await stop({ id }) : await retry({ id });
    const payload = result.data ? ('stopExecution' in result.data ? result.data.stopExecution : result.data.retryExecution) : null;
    const message = (result.error ? mutationErrorMessage(result.error) : null) ?? payload?.errors.map((e) => e.message).join(' ');
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
            <StepTimeline steps={steps} executionStart={execution.startedAt} now={now} selected={selected} onSelect={select} />
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
