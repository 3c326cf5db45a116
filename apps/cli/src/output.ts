import type { Writable } from 'node:stream';
import { prettyCanonicalJson } from '@pedigree/report';

/**
 * The one place the CLI writes to the terminal. Commands print results through `line`/`json`,
 * problems through `error`; nothing else in the app touches process.stdout or console.
 */
export interface Output {
  /** True when stdout is an interactive terminal (live display, colours). */
  readonly isTty: boolean;
  readonly color: boolean;
  /** Writes one line (or several) to stdout. */
  line(...lines: string[]): void;
  /** Writes raw text to stdout as is. */
  write(text: string): void;
  /** Writes a value as JSON (sorted keys, indented) to stdout. */
  json(value: unknown): void;
  /** Writes a line to stderr. */
  error(message: string): void;
  /** Writes raw text to stderr. */
  writeErr(text: string): void;
  /** Styles for people; identity functions when colour is off. */
  readonly style: Style;
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

export interface OutputOptions {
  readonly stdout?: Writable & { isTTY?: boolean };
  readonly stderr?: Writable & { isTTY?: boolean };
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function createOutput(options: OutputOptions = {}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const isTty = Boolean(stdout.isTTY);
  // A reader that goes away early (`pedigree lineage ... | head`) is not an error of ours: stop
  // quietly, as Unix tools do, instead of dying with an EPIPE stack trace.
  for (const stream of [stdout, stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  // NO_COLOR (https://no-color.org) wins; FORCE_COLOR turns colour on for pipes.
  const color = env.NO_COLOR === undefined && (isTty || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'));
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  const style: Style = {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
  };
  return {
    isTty,
    color,
    style,
    line: (...lines) => {
      stdout.write(lines.map((l) => `${l}\n`).join(''));
    },
    write: (text) => {
      stdout.write(text);
    },
    json: (value) => {
      stdout.write(`${prettyCanonicalJson(value)}\n`);
    },
    error: (message) => {
      stderr.write(`${message}\n`);
    },
    writeErr: (text) => {
      stderr.write(text);
    },
  };
}

// Colour escapes (ESC [ ... m) take no room on screen.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** The text without colour escapes. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Pads to a width counting only visible characters (ANSI escapes take no room). */
export function pad(s: string, width: number): string {
  const visible = stripAnsi(s).length;
  return visible >= width ? s : s + ' '.repeat(width - visible);
}

/** A plain text table with a header row; columns sized to their widest cell. */
export function formatTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => stripAnsi(r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
