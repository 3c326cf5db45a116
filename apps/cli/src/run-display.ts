import type { ExecutionId, StepStatus } from '@pedigree/domain';
import type { ExecutorEvent, ExecutorEvents } from '@pedigree/executor';
import { pad, type Output } from './output.ts';

interface StepRow {
  readonly name: string;
  status: StepStatus;
  attempt: number;
  cacheHit: boolean;
  startedAt: number | null;
  endedAt: number | null;
  failureReason: string | null;
}

export interface RunDisplay {
  /** Stops listening and draws the final state. */
  finish(): void;
}

const TERMINAL: ReadonlySet<StepStatus> = new Set(['Succeeded', 'Failed', 'Stopped', 'Skipped', 'Cached']);
const SYMBOL: Readonly<Record<StepStatus, string>> = {
  Starting: '…',
  Executing: '▶',
  Stopping: '■',
  Succeeded: '✓',
  Cached: '↺',
  Skipped: '-',
  Failed: '✗',
  Stopped: '■',
};

export function formatSeconds(ms: number): string {
  return ms < 100_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

/**
 * The live view of one execution: on a terminal, a block of lines (one per step with status,
 * duration, cache hit and an activity bar for running steps) redrawn in place; otherwise a plain
 * line per step status change, fit for logs and CI. With `showLogs`, step output lines are
 * printed too (plain mode only).
 */
export function attachRunDisplay(
  out: Output,
  events: ExecutorEvents,
  executionId: ExecutionId,
  options: { showLogs?: boolean } = {},
): RunDisplay {
  const rows = new Map<string, StepRow>();
  const live = out.isTty;
  let drawn = 0;
  let frame = 0;
  const s = out.style;

  const lineFor = (r: StepRow, now: number): string => {
    const elapsed = r.startedAt === null ? 0 : (r.endedAt ?? now) - r.startedAt;
    const color =
      r.status === 'Failed' || r.status === 'Stopped'
        ? s.red
        : r.status === 'Cached'
          ? s.magenta
          : r.status === 'Succeeded'
            ? s.green
            : s.cyan;
    const cache = r.cacheHit ? s.magenta('cache hit') : r.status === 'Succeeded' ? s.dim('ran') : '';
    const attempt = r.attempt > 1 ? s.yellow(` attempt ${r.attempt}`) : '';
    let bar = '';
    if (live && !TERMINAL.has(r.status)) {
      const width = 12;
      const pos = frame % (width * 2 - 2);
      const at = pos < width ? pos : width * 2 - 2 - pos;
      bar = ` [${' '.repeat(at)}=${' '.repeat(width - 1 - at)}]`;
    }
    const shownReason = r.failureReason && r.failureReason.toLowerCase() !== r.status.toLowerCase() ? r.failureReason : null;
    const reason = shownReason && (r.status === 'Failed' || r.status === 'Stopped') ? s.dim(`  ${shownReason}`) : '';
    const duration = r.status === 'Skipped' ? '' : TERMINAL.has(r.status) || live ? formatSeconds(elapsed) : '';
    return `${color(SYMBOL[r.status])} ${pad(r.name, 22)} ${pad(color(r.status), 10)} ${pad(duration, 7)} ${cache}${attempt}${bar}${reason}`.trimEnd();
  };

  const redraw = (): void => {
    const now = Date.now();
    const lines = [...rows.values()].map((r) => lineFor(r, now));
    let text = drawn > 0 ? `\u001b[${drawn}A` : '';
    text += lines.map((l) => `\u001b[2K${l}\n`).join('');
    out.write(text);
    drawn = lines.length;
  };

  const onEvent = (event: ExecutorEvent): void => {
    if (event.type === 'log') {
      if (options.showLogs && !live) out.line(`  ${event.stepName} | ${event.line}`);
      return;
    }
    if (event.type !== 'step-status') return;
    const at = Date.parse(event.at);
    const row = rows.get(event.stepName) ?? {
      name: event.stepName,
      status: event.status,
      attempt: event.attempt,
      cacheHit: false,
      startedAt: null,
      endedAt: null,
      failureReason: null,
    };
    rows.set(event.stepName, row);
    const wasTerminal = TERMINAL.has(row.status) && row.endedAt !== null;
    row.status = event.status;
    row.attempt = event.attempt;
    row.cacheHit = event.cacheHit;
    row.failureReason = event.failureReason;
    if (row.startedAt === null || (wasTerminal && !TERMINAL.has(event.status))) row.startedAt = at;
    row.endedAt = TERMINAL.has(event.status) ? at : null;
    if (live) redraw();
    else if (event.status !== 'Starting') out.line(lineFor(row, at));
  };

  const off = events.on(onEvent, { executionId });
  const timer = live
    ? setInterval(() => {
        frame += 1;
        if (rows.size > 0) redraw();
      }, 120)
    : null;
  timer?.unref();
  return {
    finish() {
      off();
      if (timer) clearInterval(timer);
      if (live && rows.size > 0) redraw();
    },
  };
}
