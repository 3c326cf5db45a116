import { durationBetween, formatDuration } from '../format.ts';
import { statusLook } from '../status.ts';

export interface TimelineStep {
  readonly stepName: string;
  readonly status: string;
  readonly startedAt?: string | null;
  readonly endedAt?: string | null;
}

interface StepTimelineProps {
  readonly steps: readonly TimelineStep[];
  readonly executionStart: string;
  readonly now: number;
  readonly selected?: string | null;
  readonly onSelect?: (step: string) => void;
}

/** A Gantt chart of the steps: when each started and how long it took, relative to the execution. */
export function StepTimeline({ steps, executionStart, now, selected, onSelect }: StepTimelineProps) {
  const origin = Date.parse(executionStart);
  const started = steps.filter((s) => s.startedAt);
  const end = Math.max(origin + 1, ...started.map((s) => (s.endedAt ? Date.parse(s.endedAt) : now)));
  const span = end - origin;
  if (started.length === 0) return <p className="muted">No step has started yet.</p>;
  return (
    <ol className="timeline" aria-label="Step durations">
      {started.map((s) => {
        const from = Date.parse(s.startedAt as string) - origin;
        const duration = durationBetween(s.startedAt, s.endedAt, now) ?? 0;
        const look = statusLook(s.status);
        return (
          <li key={s.stepName} className={selected === s.stepName ? 'is-selected' : undefined}>
            <button type="button" className="timeline-label" onClick={() => onSelect?.(s.stepName)}>
              {s.stepName}
            </button>
            <div className="timeline-track">
              <div
                className={`timeline-bar tone-${look.tone}`}
                style={{ left: `${(from / span) * 100}%`, width: `max(3px, ${(duration / span) * 100}%)` }}
                title={`${s.stepName}: ${look.label}, ${formatDuration(duration)}`}
              />
            </div>
            <span className="timeline-duration">
              <span aria-hidden="true">{look.icon}</span> {formatDuration(duration)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
