import type { IsoTimestamp } from './entities.ts';

/** The current time as an ISO-8601 UTC timestamp with milliseconds. */
export function nowIso(): IsoTimestamp {
  return new Date().toISOString();
}
