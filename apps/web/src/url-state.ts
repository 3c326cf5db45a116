import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Reads and writes view state in the query string, so every view and filter has a shareable URL. */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | null | undefined>, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, push = false) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: !push },
      );
    },
    [setParams],
  );
  return [params, update];
}

export function listParam(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '').split(',').filter(Boolean);
}
