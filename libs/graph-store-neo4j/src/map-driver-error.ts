/**
 * Driver errors to Pedigree errors, in this one function (every store call goes through it).
 *
 * - Already a `PedigreeError` (thrown by the adapter inside a transaction function): unchanged.
 * - Connection and availability failures (`ServiceUnavailable`, `SessionExpired`, auth failures,
 *   an unknown database, transient errors the driver gave up retrying): STORE_UNAVAILABLE, because
 *   nothing the caller changes in its request will fix them.
 * - A uniqueness constraint refusing a write: CONFLICT (another writer created the same thing).
 * - Anything else (a Cypher syntax or type error, a missing parameter): INTERNAL. These are bugs in
 *   the adapter; the Cypher lint and snapshot tests exist so they never ship.
 *
 * The original error is kept as `cause` (and its code in `context.neo4jCode`) for the logs.
 */
import neo4j from 'neo4j-driver';
import { ConflictError, PedigreeError, StoreUnavailableError } from '@pedigree/domain';

export interface DriverErrorContext {
  /** The port method, e.g. `transitionExecution`. */
  readonly operation: string;
  /** The statement running when the error happened, when known. */
  readonly statement?: string;
}

const UNAVAILABLE_CODES = new Set<string>([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return undefined;
}

export function mapDriverError(error: unknown, context: DriverErrorContext): PedigreeError {
  if (error instanceof PedigreeError) return error;
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const where = context.statement ? `${context.operation} (${context.statement})` : context.operation;

  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.'))) {
    const unavailable = new StoreUnavailableError(`Neo4j is unavailable during ${where}: ${detail}`, { cause: error });
    return withContext(unavailable, { operation: context.operation, statement: context.statement, neo4jCode: code });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(`${where} conflicted with a concurrent write: ${detail}`, {
      operation: context.operation,
      statement: context.statement,
      neo4jCode: code,
    });
  }
  if (code === undefined && error instanceof Error && /connect|ECONNREFUSED|ENOTFOUND|socket/i.test(detail)) {
    return withContext(new StoreUnavailableError(`Neo4j is unavailable during ${where}: ${detail}`, { cause: error }), {
      operation: context.operation,
      statement: context.statement,
    });
  }
  return new PedigreeError(
    'INTERNAL',
    `Neo4j refused ${where}: ${detail}`,
    { operation: context.operation, statement: context.statement, neo4jCode: code },
    { cause: error },
  );
}

/** StoreUnavailableError takes no context in its constructor; this attaches it without losing the class. */
function withContext<E extends PedigreeError>(error: E, context: Record<string, unknown>): E {
  Object.defineProperty(error, 'context', { value: { ...error.context, ...context }, enumerable: true });
  return error;
}
