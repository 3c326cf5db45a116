/** How every status reads: a text label, a glyph and a tone (colour is never the only signal). */
export type Tone = 'success' | 'running' | 'failed' | 'neutral' | 'warning' | 'cached' | 'pending';

export interface StatusLook {
  readonly label: string;
  readonly icon: string;
  readonly tone: Tone;
}

const LOOKS: Readonly<Record<string, StatusLook>> = {
  Succeeded: { label: 'Succeeded', icon: '✓', tone: 'success' },
  Cached: { label: 'Cached', icon: '↺', tone: 'cached' },
  Executing: { label: 'Executing', icon: '◔', tone: 'running' },
  Starting: { label: 'Starting', icon: '◌', tone: 'running' },
  Failed: { label: 'Failed', icon: '✕', tone: 'failed' },
  Stopping: { label: 'Stopping', icon: '■', tone: 'warning' },
  Stopped: { label: 'Stopped', icon: '■', tone: 'warning' },
  Skipped: { label: 'Skipped', icon: '⤼', tone: 'neutral' },
  Pending: { label: 'Not started', icon: '○', tone: 'pending' },
  Approved: { label: 'Approved', icon: '✓', tone: 'success' },
  Rejected: { label: 'Rejected', icon: '✕', tone: 'failed' },
  PendingManualApproval: { label: 'Pending approval', icon: '?', tone: 'warning' },
};

export function statusLook(status: string | null | undefined): StatusLook {
  if (!status) return LOOKS['Pending'] as StatusLook;
  return LOOKS[status] ?? { label: status, icon: '•', tone: 'neutral' };
}

export function isTerminalExecutionStatus(status: string | null | undefined): boolean {
  return status === 'Succeeded' || status === 'Failed' || status === 'Stopped';
}
