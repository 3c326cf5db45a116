import { isPedigreeError, type ErrorCode, type PedigreeError, ValidationError } from '@pedigree/domain';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';

/** A problem the caller can fix, as GraphQL `UserError` returns it. */
export interface UserError {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

/**
 * Codes whose message is written for the caller and safe to show: they describe the request, not
 * the server. Everything else (STORE_UNAVAILABLE, STORE_CORRUPT, INTERNAL ...) is masked.
 */
const USER_FACING_CODES: ReadonlySet<ErrorCode> = new Set([
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_ARGUMENT',
  'CONFLICT',
  'INVALID_STATUS_TRANSITION',
  'EXECUTION_NOT_RUNNABLE',
  'UNAUTHORIZED',
  'FORBIDDEN',
]);

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403 };

export function isUserFacingError(error: unknown): error is PedigreeError {
  return isPedigreeError(error) && USER_FACING_CODES.has(error.code);
}

/** A PedigreeError the caller can fix, as the `errors` list of a mutation payload (one entry per field issue). */
export function toUserErrors(error: PedigreeError, pathPrefix = ''): UserError[] {
  const prefix = (p: string): string => (pathPrefix && p ? `${pathPrefix}.${p}` : pathPrefix || p);
  if (error instanceof ValidationError && error.issues.length > 0) {
    return error.issues.map((issue) => ({ path: prefix(issue.path), message: issue.message, code: error.code }));
  }
  const argument = typeof error.context['argument'] === 'string' ? error.context['argument'] : '';
  return [{ path: prefix(argument), message: error.message, code: error.code }];
}

/** zod issues of a GraphQL input as UserErrors with field paths. */
export function zodUserErrors(error: z.ZodError, pathPrefix = ''): UserError[] {
  return error.issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path, message: issue.message, code: 'VALIDATION_FAILED' };
  });
}

/**
 * Runs a mutation body and turns user-fixable failures into payload errors; anything else is
 * rethrown to be masked and logged by the server.
 */
export async function withUserErrors<T extends object, E extends object>(
  empty: E,
  body: () => Promise<T>,
  pathPrefix = '',
): Promise<(T | E) & { errors: readonly UserError[] }> {
  try {
    const result = await body();
    return { ...result, errors: [] };
  } catch (error) {
    if (isUserFacingError(error) && error.code !== 'UNAUTHORIZED' && error.code !== 'FORBIDDEN') {
      return { ...empty, errors: toUserErrors(error, pathPrefix) };
    }
    throw error;
  }
}

/** A user-facing PedigreeError as a GraphQL error whose `extensions.code` is the stable code. */
export function toGraphQLError(error: PedigreeError, path?: readonly (string | number)[]): GraphQLError {
  const issues = error instanceof ValidationError ? error.issues : undefined;
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    ...(path ? { path } : {}),
    extensions: {
      code: error.code,
      ...(issues ? { issues } : {}),
      ...(status ? { http: { status } } : {}),
    },
  });
}
