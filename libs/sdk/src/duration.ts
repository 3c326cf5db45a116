import { InvalidArgumentError } from '@pedigree/domain';
import { parse, pattern } from 'iso8601-duration';

// The library's pattern is unanchored ("xP1Dy" would match), so anchor it here.
/** The ISO-8601 durations `parseIsoDuration` accepts (it also refuses an empty `P`/`PT` and misplaced fractions). */
export const ISO_DURATION_PATTERN = new RegExp(`^${pattern.source}$`);
const ANCHORED = ISO_DURATION_PATTERN;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Milliseconds in an ISO-8601 duration such as `P30D`, `PT12H` or `PT0.5S`. Calendar units have
 * fixed lengths (a year is 365 days, a month 30 days) so that the result never depends on the date.
 * Throws InvalidArgumentError (INVALID_ARGUMENT) for anything else, including an empty `P`/`PT`.
 */
export function parseIsoDuration(text: string): number {
  if (typeof text !== 'string' || !ANCHORED.test(text)) {
    throw new InvalidArgumentError('duration', `${JSON.stringify(text)} is not an ISO-8601 duration (e.g. P30D, PT12H, PT1H30M)`);
  }
  let d;
  try {
    d = parse(text);
  } catch (error) {
    throw new InvalidArgumentError('duration', `${JSON.stringify(text)} is not an ISO-8601 duration: ${(error as Error).message}`);
  }
  const ms =
    (d.years ?? 0) * 365 * DAY +
    (d.months ?? 0) * 30 * DAY +
    (d.weeks ?? 0) * 7 * DAY +
    (d.days ?? 0) * DAY +
    (d.hours ?? 0) * HOUR +
    (d.minutes ?? 0) * MINUTE +
    (d.seconds ?? 0) * SECOND;
  if (!Number.isSafeInteger(Math.round(ms))) throw new InvalidArgumentError('duration', `${JSON.stringify(text)} is too long`);
  return Math.round(ms);
}

/** True when `text` is an ISO-8601 duration `parseIsoDuration` accepts. */
export function isIsoDuration(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
}
