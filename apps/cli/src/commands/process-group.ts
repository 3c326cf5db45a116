import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether any process of process group `pgid` is still running. A zombie (exited, not yet reaped)
 * does not count: it runs nothing and holds no port. Linux reads /proc for that; elsewhere a
 * signal-0 probe answers (and counts zombies).
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    return groupMembers(pgid).length > 0;
  } catch {
    return true;
  }
}

/** The pids of process group `pgid` that are not zombies (Linux: /proc). */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // Gone meanwhile.
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** Sends `signal` to every process of group `pgid`; a group that has gone is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group has already gone.
  }
}
