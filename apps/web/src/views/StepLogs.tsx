import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql/gql.ts';

const StepLogsQuery = graphql(`
  query StepLogs($id: ID!) {
    stepExecution(id: $id) {
      id
      logs(last: 200) {
        at
        message
        stream
      }
    }
  }
`);

export interface LiveLogLine {
  readonly message: string;
  readonly stream: string;
}

interface StepLogsProps {
  readonly stepExecutionId: string;
  /** Lines that arrived over the subscription after the tail was loaded. */
  readonly live: readonly LiveLogLine[];
  readonly running: boolean;
}

/** The tail of a step's log, followed live while the step runs. */
export function StepLogs({ stepExecutionId, live, running }: StepLogsProps) {
  const [{ data, fetching, error }] = useQuery({ query: StepLogsQuery, variables: { id: stepExecutionId }, requestPolicy: 'network-only' });
  const box = useRef<HTMLPreElement>(null);
  // Live lines that arrived before the tail was loaded are already in the tail: skip them.
  const [baseline, setBaseline] = useState<number | null>(null);
  useEffect(() => {
    if (data && baseline === null) setBaseline(live.length);
  }, [data, baseline, live.length]);
  const lines = [...(data?.stepExecution?.logs ?? []), ...(baseline === null ? [] : live.slice(baseline))];
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length]);
  if (error) return <p className="form-error">Could not load the log: {error.message}</p>;
  if (fetching && !data) return <p className="muted">Loading log…</p>;
  return (
    <pre className="log" ref={box} tabIndex={0} aria-label="Log tail" aria-live={running ? 'polite' : 'off'}>
      {lines.length === 0 ? <span className="muted">No log lines.</span> : null}
      {lines.map((l, i) => (
        <div key={i} className={`log-${l.stream}`}>
          {l.message}
        </div>
      ))}
    </pre>
  );
}
