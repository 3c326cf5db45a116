/**
 * The one error hierarchy of Pedigree. Every error carries a stable UPPER_SNAKE `code` that
 * clients (API, CLI, tests) match on, and context fields that name what is wrong and where.
 * Messages are for people; codes are for programs. Never throw strings.
 */

export interface ErrorIssue {
  /** Where the problem is: a field path such as `steps.train.retry.maxAttempts`. */
  readonly path: string;
  readonly message: string;
}

export type ErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'INVALID_ARGUMENT'
  | 'CONFLICT'
  | 'INVALID_STATUS_TRANSITION'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_CORRUPT'
  | 'STEP_FAILED'
  | 'EXECUTION_NOT_RUNNABLE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFIGURATION_INVALID'
  | 'INTERNAL';

export class PedigreeError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.context = context;
  }

  override get name(): string {
    return this.constructor.name;
  }

  toJSON(): { code: ErrorCode; message: string; context: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, context: this.context };
  }
}

/** An entity looked up by id does not exist. `ids` names every id that was asked for and missing. */
export class NotFoundError extends PedigreeError {
  readonly entity: string;
  readonly ids: readonly string[];
  constructor(entity: string, ids: readonly string[] | string, message?: string) {
    const list = typeof ids === 'string' ? [ids] : [...ids];
    super('NOT_FOUND', message ?? `${entity} not found: ${list.join(', ')}`, { entity, ids: list });
    this.entity = entity;
    this.ids = list;
  }
}

/** Input that a user can fix: each issue names the path of the problem. */
export class ValidationError extends PedigreeError {
  readonly issues: readonly ErrorIssue[];
  constructor(subject: string, issues: readonly ErrorIssue[]) {
    const head = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('VALIDATION_FAILED', `Invalid ${subject}: ${head.join('; ')}${more}`, { subject, issues });
    this.issues = issues;
  }
}

/** A caller passed an argument outside what the method accepts (a negative depth, an unknown enum value). */
export class InvalidArgumentError extends PedigreeError {
  readonly argument: string;
  constructor(argument: string, message: string, context: Record<string, unknown> = {}) {
    super('INVALID_ARGUMENT', `${argument}: ${message}`, { argument, ...context });
    this.argument = argument;
  }
}

/** An optimistic check failed: another writer changed the entity first. */
export class ConflictError extends PedigreeError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('CONFLICT', message, context);
  }
}

/** A status change that the status machine does not allow (Succeeded -> Executing, say). */
export class InvalidTransitionError extends PedigreeError {
  constructor(entity: string, id: string, from: string, to: string) {
    super('INVALID_STATUS_TRANSITION', `${entity} ${id} cannot go from ${from} to ${to}`, { entity, id, from, to });
  }
}

/** The store could not be reached or refused the operation for a reason outside the caller's control. */
export class StoreUnavailableError extends PedigreeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, {}, options);
  }
}

/** A row or record read back from a store does not have the shape the domain requires. */
export class StoreCorruptError extends PedigreeError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('STORE_CORRUPT', message, context);
  }
}

/** Bad configuration found at start; names the setting. */
export class ConfigurationError extends PedigreeError {
  constructor(setting: string, message: string) {
    super('CONFIGURATION_INVALID', `${setting}: ${message}`, { setting });
  }
}

export function isPedigreeError(value: unknown): value is PedigreeError {
  return value instanceof PedigreeError;
}

export function isNotFoundError(value: unknown): value is NotFoundError {
  return value instanceof NotFoundError;
}
