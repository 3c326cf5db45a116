import { isPedigreeError, NotFoundError, ValidationError, type ErrorCode } from '@pedigree/domain';

/** Exit codes, documented in docs/cli.md. */
export const EXIT_OK = 0;
/** The thing run failed: an execution failed or was stopped, a report did not verify, a store was unreachable. */
export const EXIT_FAILURE = 1;
/** Bad usage or input: unknown command or option, invalid value, unknown id, invalid definition or parameters. */
export const EXIT_USAGE = 2;

/** An error the CLI reports as one line with a chosen exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  /** Extra lines printed after the message (e.g. every validation problem). */
  readonly details: readonly string[];
  constructor(message: string, exitCode: number, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}

export const usageError = (message: string, details: readonly string[] = []): CliError => new CliError(message, EXIT_USAGE, details);
export const failure = (message: string, details: readonly string[] = []): CliError => new CliError(message, EXIT_FAILURE, details);

/** Error codes that mean the user asked for something that cannot be (exit 2); everything else is a failure (exit 1). */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set([
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_ARGUMENT',
  'CONFIGURATION_INVALID',
  'INVALID_STATUS_TRANSITION',
  'EXECUTION_NOT_RUNNABLE',
]);

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isPedigreeError(error)) return USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE;
  return EXIT_FAILURE;
}

/** The one line (plus detail lines) shown for an error. */
export function describeError(error: unknown): { message: string; details: string[] } {
  if (error instanceof CliError) return { message: error.message, details: [...error.details] };
  if (error instanceof NotFoundError) {
    const what = ENTITY_NAMES[error.entity] ?? error.entity;
    return { message: `no ${what} with id ${error.ids.join(', ')}`, details: [] };
  }
  if (error instanceof ValidationError) {
    // One line: the first problems with their paths (commands that list every problem print them themselves).
    const subject = (error.context as { subject?: string }).subject ?? 'input';
    const shown = error.issues.slice(0, 3).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
    const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
    return { message: `invalid ${subject}: ${shown.join('; ')}${more}`, details: [] };
  }
  if (error instanceof Error) return { message: error.message, details: [] };
  return { message: String(error), details: [] };
}

const ENTITY_NAMES: Readonly<Record<string, string>> = {
  PipelineExecution: 'execution',
  StepExecution: 'step execution',
  Artifact: 'artifact',
  ModelPackage: 'model package',
  Pipeline: 'pipeline',
  PipelineVersion: 'pipeline version',
  Context: 'context',
  LineageNode: 'lineage node',
};
