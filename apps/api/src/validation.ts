import { ValidationError } from '@pedigree/domain';
import { z } from 'zod';

/**
 * Validates resolver arguments beyond what GraphQL types say (lengths, ranges, formats). Throws
 * VALIDATION_FAILED with one issue per argument path, which the server shows to the caller.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  throw new ValidationError(
    'arguments',
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

/** An ISO-8601 timestamp as DateTime inputs accept it. */
export const isoTimestamp = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 timestamp such as 2026-12-03T15:58:23.000Z' });
