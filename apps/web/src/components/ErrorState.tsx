interface ErrorStateProps {
  readonly title?: string;
  readonly message?: string | null;
  readonly onRetry?: () => void;
}

/** A failed load: what went wrong, in words, and a way to try again. */
export function ErrorState({ title = 'Something went wrong', message, onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <span className="state-icon" aria-hidden="true">
        ⚠
      </span>
      <div>
        <p className="state-title">{title}</p>
        {message ? <p className="state-message">{message}</p> : null}
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}
