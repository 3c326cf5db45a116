import { hashToken, type ApiToken } from '@pedigree/runtime';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_EDITOR, createAuthenticator, decideAnonymousAccess, mayIngest, requireIngest, requireRole } from './auth.ts';
import { roleFor } from './roles.ts';

const tokens: ApiToken[] = [
  { name: 'vera', role: 'viewer', sha256: hashToken('viewer-token-0123456789') },
  { name: 'ada', role: 'admin', sha256: hashToken('admin-token-0123456789') },
];

describe('createAuthenticator', () => {
  const auth = createAuthenticator(tokens, { anonymousAccess: false });

  it('maps a bearer token to its name and role', () => {
    expect(auth.authenticate('Bearer viewer-token-0123456789')).toEqual({ name: 'vera', role: 'viewer', anonymous: false });
    expect(auth.authenticate('bearer admin-token-0123456789')).toEqual({ name: 'ada', role: 'admin', anonymous: false });
  });

  it.each([
    [null, /token is required/],
    ['Basic dXNlcjpwYXNz', /must be "Bearer <token>"/],
    ['Bearer viewer-token-012345678', /not valid/],
    ['Bearer ', /must be "Bearer <token>"/],
  ])('refuses %j with UNAUTHORIZED', (header, message) => {
    expect(() => auth.authenticate(header)).toThrow(message);
  });

  it('lets requests without a token act as the anonymous editor only when told to', () => {
    expect(createAuthenticator([], { anonymousAccess: true }).authenticate(null)).toBe(ANONYMOUS_EDITOR);
  });
});

describe('decideAnonymousAccess', () => {
  it('allows anonymous access on loopback without tokens', () => {
    expect(decideAnonymousAccess('127.0.0.1', [])).toBe(true);
    expect(decideAnonymousAccess('localhost', [])).toBe(true);
  });
  it('turns anonymous access off once tokens are configured', () => {
    expect(decideAnonymousAccess('127.0.0.1', tokens)).toBe(false);
    expect(decideAnonymousAccess('0.0.0.0', tokens)).toBe(false);
  });
  it('refuses to serve a non-loopback address without tokens, naming HOST', () => {
    expect(() => decideAnonymousAccess('0.0.0.0', [])).toThrow(/HOST: refusing to listen on 0.0.0.0 without API tokens/);
  });
});

describe('roles', () => {
  it('orders viewer < editor < admin', () => {
    expect(() => requireRole({ name: 'v', role: 'viewer', anonymous: false }, 'editor')).toThrow(/requires the editor role/);
    expect(() => requireRole({ name: 'e', role: 'editor', anonymous: false }, 'editor')).not.toThrow();
    expect(() => requireRole({ name: 'a', role: 'admin', anonymous: false }, 'editor')).not.toThrow();
    expect(() => requireRole({ name: 'e', role: 'editor', anonymous: false }, 'admin')).toThrow(/requires the admin role/);
  });
  it('lets ingest post OpenLineage events and nothing else; editor and admin may ingest too, viewer may not', () => {
    const who = (role: 'viewer' | 'editor' | 'admin' | 'ingest') => ({ name: role, role, anonymous: false });
    expect(() => requireRole(who('ingest'), 'viewer')).toThrow(/requires the viewer role; ingest has ingest/);
    expect([mayIngest(who('ingest')), mayIngest(who('editor')), mayIngest(who('admin')), mayIngest(who('viewer'))]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(() => requireIngest(who('viewer'))).toThrow(/OpenLineage ingestion requires the ingest or editor role; viewer has viewer/);
  });
  it('needs editor for every mutation, admin for tokens, viewer for the rest', () => {
    expect(roleFor('Mutation', 'startExecution')).toBe('editor');
    expect(roleFor('Query', 'apiTokens')).toBe('admin');
    expect(roleFor('Query', 'lineage')).toBe('viewer');
    expect(roleFor('Subscription', 'executionEvents')).toBe('viewer');
  });
});
