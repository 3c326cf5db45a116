import { statusLook } from '../status.ts';

interface StatusBadgeProps {
  readonly status: string | null | undefined;
}

/** A status as an icon and a word, tinted; readable without colour. */
export function StatusBadge({ status }: StatusBadgeProps) {
  const look = statusLook(status);
  return (
    <span className={`badge tone-${look.tone}`} data-status={status ?? 'Pending'}>
      <span aria-hidden="true" className={look.tone === 'running' ? 'spin' : undefined}>
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}
