import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { statusLook } from '../status.ts';

// Type aliases (not interfaces) so that the data is assignable to React Flow's Record<string, unknown>.
export type GraphCardFields = {
  readonly title: string;
  readonly subtitle?: string | null;
  /** What kind of node it is, shown as a small caption (e.g. "DataSet", "training"). */
  readonly kind: string;
  readonly kindIcon: string;
  readonly status?: string | null;
  readonly selected?: boolean;
  readonly highlighted?: boolean;
  readonly dimmed?: boolean;
  readonly marked?: string | null;
  readonly branch?: string | null;
  /** A drawing variant: `openlineage` for runs and datasets other systems reported. */
  readonly variant?: 'openlineage' | null;
};

export type GraphCardData = GraphCardFields & {
  readonly direction?: 'RIGHT' | 'DOWN';
  /** Large graphs draw a one-line card: fewer DOM nodes, and the text is too small to read anyway. */
  readonly compact?: boolean;
};

export type GraphCardNode = Node<GraphCardData, 'card'>;

/** One node of every graph: kind caption, title, subtitle and status by icon and text. */
export function GraphNodeCard({ data }: NodeProps<GraphCardNode>) {
  const look = data.status ? statusLook(data.status) : null;
  const classes = ['graph-card', look ? `tone-${look.tone}` : 'tone-none'];
  if (data.selected) classes.push('is-selected');
  if (data.highlighted) classes.push('is-highlighted');
  if (data.dimmed) classes.push('is-dimmed');
  if (data.variant) classes.push(`variant-${data.variant}`);
  const vertical = data.direction === 'DOWN';
  if (data.compact) {
    classes.push('is-compact');
    return (
      <div
        className={classes.join(' ')}
        data-status={data.status ?? undefined}
        title={`${data.kind}: ${data.title}${look ? ` (${look.label})` : ''}`}
      >
        <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={false} />
        <span aria-hidden="true">{data.kindIcon}</span>
        <span className="graph-card-title">{data.title}</span>
        {look ? <span className={`graph-card-status tone-${look.tone}`}>{look.icon}</span> : null}
        {data.marked ? <span className="graph-card-mark">{data.marked}</span> : null}
        <Handle type="source" position={vertical ? Position.Bottom : Position.Right} isConnectable={false} />
      </div>
    );
  }
  return (
    <div className={classes.join(' ')} data-status={data.status ?? undefined}>
      <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={false} />
      <div className="graph-card-kind">
        <span aria-hidden="true">{data.kindIcon}</span> {data.kind}
        {data.branch ? <span className="graph-card-branch">{data.branch === 'IF' ? 'if branch' : 'else branch'}</span> : null}
        {data.marked ? <span className="graph-card-mark">{data.marked}</span> : null}
      </div>
      <div className="graph-card-title" title={data.title}>
        {data.title}
      </div>
      {data.subtitle ? (
        <div className="graph-card-subtitle" title={data.subtitle}>
          {data.subtitle}
        </div>
      ) : null}
      {look ? (
        <div className={`graph-card-status tone-${look.tone}`}>
          <span aria-hidden="true" className={look.tone === 'running' ? 'spin' : undefined}>
            {look.icon}
          </span>{' '}
          {look.label}
        </div>
      ) : null}
      <Handle type="source" position={vertical ? Position.Bottom : Position.Right} isConnectable={false} />
    </div>
  );
}
