import { Link } from 'react-router';
import { ArtifactLink } from '../components/ArtifactLink.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { durationBetween, formatDuration, formatTime, formatValue, shortDigest, shortId } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { StepPanelStepFragment } from '../gql/graphql.ts';
import { stepIcon } from '../step-types.ts';
import { StepLogs, type LiveLogLine } from './StepLogs.tsx';

// Cost: one row per step plus its attempts and artifacts; the log tail is a separate query (StepLogs).
export const StepPanelStepFragmentDoc = graphql(`
  fragment StepPanelStep on StepExecution {
    id
    stepName
    stepType
    status
    attempt
    startedAt
    endedAt
    failureReason
    cacheHit
    cacheKey
    cacheMiss {
      reason
      message
      differingFields
      nearestStepExecution {
        id
        executionId
      }
    }
    reusedStepExecution {
      id
      executionId
      stepName
    }
    attempts {
      attempt
      status
      startedAt
      endedAt
      exitCode
      failureKind
      failureReason
    }
    inputs {
      name
      artifact {
        id
        name
        type
        digest
      }
    }
    outputs {
      name
      artifact {
        id
        name
        type
        digest
      }
    }
    properties
  }
`);

interface StepPanelProps {
  readonly stepName: string;
  readonly stepType: string;
  readonly step: StepPanelStepFragment | null;
  /** The live status from the subscription, newer than `step.status` while a refetch is in flight. */
  readonly liveStatus?: string;
  readonly liveLogs: readonly LiveLogLine[];
  readonly now: number;
  readonly onClose: () => void;
}

/** Everything about one step of an execution: status, attempts, cache, artifacts, failure and log. */
export function StepPanel({ stepName, stepType, step, liveStatus, liveLogs, now, onClose }: StepPanelProps) {
  const status = liveStatus ?? step?.status ?? 'Pending';
  const running = status === 'Executing' || status === 'Starting';
  return (
    <aside className="card step-panel" aria-labelledby="step-title">
      <div className="card-header">
        <h2 id="step-title">
          <span aria-hidden="true">{stepIcon(stepType)} </span>
          {stepName}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close step details">
          ✕
        </button>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
        <dt>Type</dt>
        <dd>{stepType}</dd>
        {step ? (
          <>
            <dt>Started</dt>
            <dd>{formatTime(step.startedAt)}</dd>
            <dt>Ended</dt>
            <dd>{formatTime(step.endedAt)}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(durationBetween(step.startedAt, step.endedAt, now))}</dd>
            <dt>Attempts</dt>
            <dd>{step.attempt}</dd>
          </>
        ) : null}
      </dl>
      {!step ? <p className="muted">This step has not started.</p> : null}
      {step?.failureReason ? (
        <div className="callout callout-failed" role="note">
          <strong>Failure reason</strong>
          <p>{step.failureReason}</p>
        </div>
      ) : null}
      {step ? (
        <section>
          <h3>Cache</h3>
          {step.cacheHit && step.reusedStepExecution ? (
            <p>
              <span className="badge tone-cached">
                <span aria-hidden="true">↺</span>Cache hit
              </span>{' '}
              reused the outputs of{' '}
              <Link
                to={`/executions/${step.reusedStepExecution.executionId}?step=${encodeURIComponent(step.reusedStepExecution.stepName)}`}
              >
                {step.reusedStepExecution.stepName} in {shortId(step.reusedStepExecution.executionId)}
              </Link>
              .
            </p>
          ) : step.cacheMiss ? (
            <div>
              <p>
                <span className="badge tone-neutral">
                  <span aria-hidden="true">○</span>Cache miss
                </span>{' '}
                {step.cacheMiss.message}
              </p>
              {step.cacheMiss.differingFields.length > 0 ? (
                <p className="small">
                  Changed:{' '}
                  {step.cacheMiss.differingFields.map((f) => (
                    <code key={f}>{f}</code>
                  ))}
                  {step.cacheMiss.nearestStepExecution ? (
                    <>
                      {' '}
                      since{' '}
                      <Link to={`/executions/${step.cacheMiss.nearestStepExecution.executionId}?step=${encodeURIComponent(stepName)}`}>
                        the nearest earlier run
                      </Link>
                    </>
                  ) : null}
                  .
                </p>
              ) : null}
            </div>
          ) : (
            <p className="muted">Not cached.</p>
          )}
          {step.cacheKey ? (
            <p className="small muted mono" title={step.cacheKey}>
              key {shortDigest(step.cacheKey, 16)}
            </p>
          ) : null}
        </section>
      ) : null}
      {step && (step.inputs.length > 0 || step.outputs.length > 0) ? (
        <section>
          <h3>Inputs</h3>
          {step.inputs.length === 0 ? <p className="muted">None</p> : null}
          <ul className="plain-list">
            {step.inputs.map((i) => (
              <li key={i.name}>
                <ArtifactLink artifact={i.artifact} channel={i.name} />
              </li>
            ))}
          </ul>
          <h3>Outputs</h3>
          {step.outputs.length === 0 ? <p className="muted">None</p> : null}
          <ul className="plain-list">
            {step.outputs.map((o) => (
              <li key={o.name}>
                <ArtifactLink artifact={o.artifact} channel={o.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {step && step.attempts.length > 1 ? (
        <section>
          <h3>Attempts</h3>
          <ol className="plain-list">
            {step.attempts.map((a) => (
              <li key={a.attempt}>
                #{a.attempt} <StatusBadge status={a.status} /> {formatDuration(durationBetween(a.startedAt, a.endedAt, now))}
                {a.failureKind ? <span className="muted"> · {a.failureKind}</span> : null}
                {a.exitCode !== null && a.exitCode !== undefined ? <span className="muted"> · exit {a.exitCode}</span> : null}
                {a.failureReason ? <div className="small">{a.failureReason}</div> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {step && step.properties && typeof step.properties === 'object' && Object.keys(step.properties).length > 0 ? (
        <section>
          <h3>Properties</h3>
          <dl className="facts compact">
            {Object.entries(step.properties as Record<string, unknown>).map(([k, v]) => (
              <div key={k} className="fact-row">
                <dt>{k}</dt>
                <dd className="mono small">{formatValue(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {step ? (
        <section>
          <h3>Log {running ? <span className="muted small">(live)</span> : null}</h3>
          <StepLogs key={`${step.id}:${step.attempt}`} stepExecutionId={step.id} live={liveLogs} running={running} />
        </section>
      ) : null}
    </aside>
  );
}
