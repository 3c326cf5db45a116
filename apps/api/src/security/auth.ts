import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigurationError, PedigreeError } from '@pedigree/domain';
import { isLoopbackHost, type ApiToken, type Role } from '@pedigree/runtime';
import type { Viewer } from '../context.ts';

// ingest ranks below viewer: an ingest token may post OpenLineage events and nothing else (not even read).
const RANK: Readonly<Record<Role, number>> = { ingest: -1, viewer: 0, editor: 1, admin: 2 };

export const ANONYMOUS_EDITOR: Viewer = { name: 'anonymous', role: 'editor', anonymous: true };

/** Why a request could not be authenticated; mapped to HTTP 401. */
export class UnauthorizedError extends PedigreeError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** The caller may not do this; mapped to HTTP 403 / a FORBIDDEN GraphQL error. */
export class ForbiddenError extends PedigreeError {
  constructor(needed: Role, viewer: Viewer, what = `this operation requires the ${needed} role`) {
    super('FORBIDDEN', `${what}; ${viewer.name} has ${viewer.role}`, { needed, role: viewer.role });
  }
}

export interface Authenticator {
  /** True when requests without a token act as the anonymous editor. */
  readonly anonymousAccess: boolean;
  /** The viewer for an `Authorization` header value. Throws UNAUTHORIZED for a missing (when required), malformed or unknown token. */
  authenticate(authorization: string | null): Viewer;
}

/**
 * Bearer-token authentication against sha256 digests held in memory. Digests are compared with
 * `timingSafeEqual` against every configured token, so the time taken does not reveal how much of
 * a guess matched or which entry it matched.
 */
export function createAuthenticator(tokens: readonly ApiToken[], options: { readonly anonymousAccess: boolean }): Authenticator {
  const entries = tokens.map((t) => ({ ...t, digest: Buffer.from(t.sha256, 'hex') }));
  return {
    anonymousAccess: options.anonymousAccess,
    authenticate(authorization) {
      if (authorization === null || authorization.trim() === '') {
        if (options.anonymousAccess) return ANONYMOUS_EDITOR;
        throw new UnauthorizedError('an API token is required: send Authorization: Bearer <token>');
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
      const digest = createHash('sha256').update(match[1]!, 'utf8').digest();
      let found: (typeof entries)[number] | null = null;
      for (const entry of entries) {
        if (timingSafeEqual(entry.digest, digest) && found === null) found = entry;
      }
      if (!found) throw new UnauthorizedError('the API token is not valid');
      return { name: found.name, role: found.role, anonymous: false };
    },
  };
}

/** Roles that may post OpenLineage events: the dedicated ingest role, and editor or above. */
export function mayIngest(viewer: Viewer): boolean {
  return viewer.role === 'ingest' || RANK[viewer.role] >= RANK.editor;
}

/** Throws FORBIDDEN unless the viewer may post OpenLineage events. */
export function requireIngest(viewer: Viewer): void {
  if (!mayIngest(viewer)) throw new ForbiddenError('ingest', viewer, 'OpenLineage ingestion requires the ingest or editor role');
}

/** Throws FORBIDDEN unless the viewer has at least `needed`. */
export function requireRole(viewer: Viewer, needed: Role): void {
  if (RANK[viewer.role] < RANK[needed]) throw new ForbiddenError(needed, viewer);
}

/**
 * Anonymous editor access is allowed only on a loopback address with no tokens configured; a
 * non-loopback address without tokens would expose write access to the network, so it is refused.
 */
export function decideAnonymousAccess(host: string, tokens: readonly ApiToken[]): boolean {
  if (tokens.length > 0) return false;
  if (!isLoopbackHost(host)) {
    throw new ConfigurationError(
      'HOST',
      `refusing to listen on ${host} without API tokens: set PEDIGREE_TOKENS or PEDIGREE_TOKENS_FILE, or bind to 127.0.0.1`,
    );
  }
  return true;
}
