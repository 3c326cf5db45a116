/** The logging interface the executor writes to: a subset of pino's, so a pino logger fits as is. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  /** A logger that adds `bindings` (executionId, step...) to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

const noop = (): void => undefined;

/** The default logger: discards everything. */
export const noopLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => noopLogger };
