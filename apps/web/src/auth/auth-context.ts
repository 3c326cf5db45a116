import { createContext, useContext } from 'react';

/** What the views know about the API token in use (provided by `AuthGate`). */
export interface Auth {
  /** The API token sent with every request, or null (anonymous loopback server). */
  readonly token: string | null;
  /** True when the token is remembered on this device (localStorage), false when only for this browser session. */
  readonly remembered: boolean;
  /** Forgets the token in this browser and shows the sign-in panel. */
  signOut(): void;
  /** fetch for the server's other routes (report downloads): sends the token, and a 401 leads to the sign-in panel. */
  readonly fetch: typeof fetch;
}

const NO_AUTH: Auth = {
  token: null,
  remembered: false,
  signOut: () => undefined,
  fetch: (input, init) => globalThis.fetch(input, init),
};

export const AuthContext = createContext<Auth>(NO_AUTH);

/** The API token in use and what to do with it; without an `AuthGate`, no token. */
export function useAuth(): Auth {
  return useContext(AuthContext);
}
