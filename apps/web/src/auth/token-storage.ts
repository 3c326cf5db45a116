/**
 * Where the browser keeps the API token between page loads: sessionStorage (this tab, until it is
 * closed) by default, localStorage when the user asked to be remembered on this device. Storage that
 * is unavailable (private modes, disabled by policy) only means the token is not kept.
 */
export const TOKEN_STORAGE_KEY = 'pedigree.apiToken';

export interface StoredToken {
  readonly token: string;
  /** True when it is kept in localStorage (remembered on this device). */
  readonly remembered: boolean;
}

function storage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? window.sessionStorage : window.localStorage;
  } catch {
    return null;
  }
}

function read(kind: 'session' | 'local'): string | null {
  try {
    const value = storage(kind)?.getItem(TOKEN_STORAGE_KEY) ?? null;
    return value && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}

/** The token kept for this tab, else the one remembered on this device, else null. */
export function readStoredToken(): StoredToken | null {
  const session = read('session');
  if (session) return { token: session, remembered: false };
  const local = read('local');
  return local ? { token: local, remembered: true } : null;
}

/** Keeps the token for this browser session, or on this device with `remember`; the other place is cleared. */
export function storeToken(token: string, remember: boolean): void {
  forgetToken();
  try {
    storage(remember ? 'local' : 'session')?.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Quota or policy: the token still works until the page is reloaded.
  }
}

/** Forgets the token in both places. */
export function forgetToken(): void {
  for (const kind of ['session', 'local'] as const) {
    try {
      storage(kind)?.removeItem(TOKEN_STORAGE_KEY);
    } catch {
      // Nothing stored where storage is unavailable.
    }
  }
}
