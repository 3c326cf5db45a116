import { pino, type DestinationStream, type LevelWithSilent } from 'pino';

/** Levels accepted by `LOG_LEVEL`, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number] & LevelWithSilent;

export interface LogFn {
  (message: string): void;
  (fields: object, message?: string): void;
}

/**
 * The one small logging interface of Pedigree (pino underneath). Components take a `Logger` and make
 * child loggers carrying their ids (`component`, `executionId`, `requestId`), so every line is
 * attributable without string formatting.
 */
export interface Logger {
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;
  child(bindings: Record<string, unknown>): Logger;
  /** Writes buffered lines out; call before the process exits. */
  flush(): void;
}

export interface CreateLoggerOptions {
  /** Default `info`. */
  readonly level?: LogLevel;
  /** Where JSON lines go; default standard output. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
  /** Fields on every line, e.g. `{ service: 'api' }`. */
  readonly base?: Record<string, unknown>;
}

/** A pino JSON logger: one JSON object per line, ISO timestamps, `level` as a label, errors serialized with their code. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const instance = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...(options.base ?? {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return instance as unknown as Logger;
}

/** A logger that drops everything (for tests and tools that must stay quiet). */
export function createSilentLogger(): Logger {
  return createLogger({ level: 'silent' });
}

function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const serialized = pino.stdSerializers.err(value) as unknown as Record<string, unknown>;
  const code = (value as { code?: unknown }).code;
  return code === undefined ? serialized : { ...serialized, code };
}
