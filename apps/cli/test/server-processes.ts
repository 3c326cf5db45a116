// What a test that starts a Pedigree server leaves behind: the processes whose environment names
// the test's own data directory (PEDIGREE_DATA_DIR), found in /proc. Linux only (elsewhere: none
// found, so the checks pass vacuously); the CI runs on Linux.
import { readdirSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  readonly pid: number;
  readonly pgid: number;
  readonly command: string;
}

/** Running (not zombie) processes with PEDIGREE_DATA_DIR=`dataDir` in their environment. */
export function processesOf(dataDir: string): ServerProcess[] {
  if (process.platform !== 'linux') return [];
  const needle = `\0PEDIGREE_DATA_DIR=${dataDir}\0`;
  const found: ServerProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!`\0${readFileSync(`/proc/${entry}/environ`, 'utf8')}`.includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(entry), pgid: Number(pgrp), command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Whether process group `pgid` still has a process in it (a signal-0 probe: ESRCH means none). */
export function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Ends whatever a failed test left running on `dataDir` (so a failure does not leak a server). */
export function killProcessesOf(dataDir: string): void {
  for (const { pid } of processesOf(dataDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Resolves once `check()` holds, polling; rejects with `what` after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
