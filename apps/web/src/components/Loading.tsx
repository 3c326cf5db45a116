interface LoadingProps {
  readonly label?: string;
}

/** A load in progress: a spinner and a short sentence screen readers announce. */
export function Loading({ label = 'Loading…' }: LoadingProps) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
