import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { graphql } from './gql/gql.ts';

const ExecutionsChangedSubscription = graphql(`
  subscription ExecutionsChanged($pipelineName: String) {
    executionsChanged(pipelineName: $pipelineName) {
      executionId
      status
      at
    }
  }
`);

/**
 * Calls `refetch` (at most every 500 ms) whenever an execution changes status: live list views.
 * With `pipelineName`, only that pipeline's executions count (the server filters).
 */
export function useExecutionsChanged(refetch: () => void, pipelineName: string | null = null): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(refetch);
  latest.current = refetch;
  const [{ data }] = useSubscription({ query: ExecutionsChangedSubscription, variables: { pipelineName } });
  useEffect(() => {
    if (!data) return;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, 500);
  }, [data]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
