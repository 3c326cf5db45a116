import { useId, useState, type FormEvent } from 'react';
import { checkToken, normalizeToken } from './check-token.ts';

interface SignInPanelProps {
  /** The GraphQL endpoint the token is checked against. */
  readonly url: string;
  readonly fetch?: typeof fetch;
  /** Why the panel is shown, when there is more to say than "this server needs a token". */
  readonly notice: string | null;
  /** Called with a token the server accepted. */
  readonly onSignedIn: (token: string, remember: boolean) => void;
}

/**
 * Shown instead of the app when the server asks for an API token: what a token is, where it comes
 * from, and a field to paste it. The token is checked with the server (`viewer`) before it is kept.
 */
export function SignInPanel({ url, fetch: fetchImpl, notice, onSignedIn }: SignInPanelProps) {
  const id = useId();
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(false);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (checking) return;
    setError(null);
    setChecking(true);
    const token = normalizeToken(value);
    const result = await checkToken(token, { url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    setChecking(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onSignedIn(token, remember);
  }

  return (
    <div className="sign-in-page">
      <div className="sign-in-brand">
        <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" opacity="0.18" />
          <circle cx="10" cy="10" r="3.5" fill="currentColor" />
          <circle cx="22" cy="10" r="3.5" fill="currentColor" />
          <circle cx="16" cy="23" r="3.5" fill="currentColor" />
          <path d="M10 13.5 16 19.5M22 13.5 16 19.5" stroke="currentColor" strokeWidth="2" />
        </svg>
        Pedigree
      </div>
      <main className="card sign-in" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Sign in with an API token</h1>
        {notice ? (
          <p className="sign-in-notice" role="status">
            {notice}
          </p>
        ) : null}
        <p>
          This Pedigree server requires an API token. A token names you to the server and sets what you may do: a <strong>viewer</strong>{' '}
          reads pipelines, runs, lineage and models; an <strong>editor</strong> also starts runs and approves models.
        </p>
        <p className="muted">
          Ask your Pedigree admin for one. Tokens are configured on the server with <code>PEDIGREE_TOKENS</code> or{' '}
          <code>PEDIGREE_TOKENS_FILE</code> (<code>name:role:token</code>).
        </p>
        <form onSubmit={submit} noValidate>
          <div className={`field${error ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-token`}>API token</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-storage${error ? ` ${id}-error` : ''}`}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember on this device
          </label>
          <p className="field-hint" id={`${id}-storage`}>
            The token is kept in this browser tab until you close it or sign out (session storage). With “Remember on this device” it is
            kept in this browser until you sign out (local storage): not on a shared computer.
          </p>
          {error ? (
            <p className="form-error" id={`${id}-error`} role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={checking}>
              {checking ? 'Checking…' : 'Sign in'}
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}
