import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface PageHeaderProps {
  readonly title: ReactNode;
  readonly crumbs?: readonly { label: string; to: string }[];
  readonly subtitle?: ReactNode;
  readonly actions?: ReactNode;
}

/** Breadcrumbs, the page title and the page's main actions. */
export function PageHeader({ title, crumbs = [], subtitle, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div>
        {crumbs.length > 0 ? (
          <nav aria-label="Breadcrumb" className="crumbs">
            {crumbs.map((c) => (
              <span key={c.to}>
                <Link to={c.to}>{c.label}</Link>
                <span aria-hidden="true"> / </span>
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
