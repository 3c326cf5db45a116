import type { ReactNode } from 'react';

interface EmptyStateProps {
  readonly title: string;
  readonly children?: ReactNode;
}

/** Nothing to show yet, with a hint of what would fill the space. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="state state-empty">
      <span className="state-icon" aria-hidden="true">
        ◇
      </span>
      <div>
        <p className="state-title">{title}</p>
        {children ? <div className="state-message">{children}</div> : null}
      </div>
    </div>
  );
}
