import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { authHeaders, createGraphqlClient, watchUnauthorized } from '../graphql-client.ts';
import { AuthContext, type Auth } from './auth-context.ts';
import { SignInPanel } from './SignInPanel.tsx';
import { forgetToken, readStoredToken, storeToken } from './token-storage.ts';

interface AuthGateProps {
  /** The GraphQL endpoint; default `/graphql`. */
  readonly url?: string;
  /** The fetch every request goes through (tests); default the global fetch. */
  readonly fetch?: typeof fetch;
  readonly children: ReactNode;
}

type Gate =
  /** The app, with a token or without one (an anonymous loopback server needs none). */
  | { readonly kind: 'app'; readonly token: string | null; readonly remembered: boolean; readonly notice: string | null }
  /** The server asked for a token: the sign-in panel instead of the app. */
  | { readonly kind: 'sign-in'; readonly notice: string | null };

function initialGate(): Gate {
  const stored = readStoredToken();
  return { kind: 'app', token: stored?.token ?? null, remembered: stored?.remembered ?? false, notice: null };
}

/**
 * Owns the API token. The app runs with the token kept in this browser (or none: an anonymous
 * loopback server needs none, and then nothing changes); when the server answers 401, a kept token
 * is forgotten and the app tries once without it, and a 401 without a token shows the sign-in panel.
 * Every token change builds a new GraphQL client (and remounts the app), so nothing cached for one
 * identity is shown to another.
 */
export function AuthGate({ url = '/graphql', fetch: fetchImpl, children }: AuthGateProps) {
  const [gate, setGate] = useState<Gate>(initialGate);

  const unauthorized = useCallback((tokenUsed: string | null, message: string) => {
    if (tokenUsed !== null && readStoredToken()?.token === tokenUsed) forgetToken();
    setGate((current) => {
      // A late answer to a request of an earlier client (another token, or the panel is already up).
      if (current.kind !== 'app' || current.token !== tokenUsed) return current;
      if (tokenUsed !== null) {
        return {
          kind: 'app',
          token: null,
          remembered: false,
          notice: `The server no longer accepts the API token this browser kept (${message}). Sign in with a current one.`,
        };
      }
      return { kind: 'sign-in', notice: current.notice };
    });
  }, []);

  const signIn = useCallback((token: string, remember: boolean) => {
    storeToken(token, remember);
    setGate({ kind: 'app', token, remembered: remember, notice: null });
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setGate({ kind: 'sign-in', notice: 'Signed out: this browser no longer keeps the API token.' });
  }, []);

  const token = gate.kind === 'app' ? gate.token : null;
  const remembered = gate.kind === 'app' && gate.remembered;
  const running = gate.kind === 'app';
  const client = useMemo(
    () =>
      running
        ? createGraphqlClient({ url, token, ...(fetchImpl ? { fetch: fetchImpl } : {}), onUnauthorized: (m) => unauthorized(token, m) })
        : null,
    [running, url, token, fetchImpl, unauthorized],
  );
  const auth = useMemo<Auth>(() => {
    const watched = watchUnauthorized(fetchImpl, (m) => unauthorized(token, m));
    return {
      token,
      remembered,
      signOut,
      fetch: (input, init) =>
        watched(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...authHeaders(token) } }),
    };
  }, [token, remembered, signOut, fetchImpl, unauthorized]);

  if (gate.kind === 'sign-in' || !client) {
    return <SignInPanel url={url} {...(fetchImpl ? { fetch: fetchImpl } : {})} notice={gate.notice} onSignedIn={signIn} />;
  }
  return (
    <AuthContext.Provider value={auth}>
      <Provider value={client} key={token ?? 'no token'}>
        {children}
      </Provider>
    </AuthContext.Provider>
  );
}
