import { readFileSync } from 'node:fs';
import type { GraphStore, StoreHealth } from '@pedigree/graph-store';
import type { ApiToken } from '@pedigree/runtime';

export interface TokenInfo {
  readonly name: string;
  readonly role: ApiToken['role'];
  readonly fingerprint: string;
}

/** Server status and the configured tokens (never their secrets). */
export interface AdminService {
  readonly version: string;
  readonly anonymousAccess: boolean;
  storeHealth(): Promise<StoreHealth>;
  tokens(): readonly TokenInfo[];
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

export function createAdminService(store: GraphStore, tokens: readonly ApiToken[], anonymousAccess: boolean): AdminService {
  return {
    version: PACKAGE_VERSION,
    anonymousAccess,
    storeHealth: () => store.health(),
    tokens: () => tokens.map((t) => ({ name: t.name, role: t.role, fingerprint: t.sha256.slice(0, 8) })),
  };
}
