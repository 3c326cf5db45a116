import { Client, fetchExchange } from 'urql';
import { graphql } from '../gql/gql.ts';
import type { Role } from '../gql/graphql.ts';
import { authHeaders } from '../graphql-client.ts';

const SignInViewerQuery = graphql(`
  query SignInViewer {
    viewer {
      name
      role
      anonymous
    }
  }
`);

export type TokenCheck =
  { readonly ok: true; readonly viewer: { readonly name: string; readonly role: Role } } | { readonly ok: false; readonly message: string };

/** What people paste: the token, maybe with the `Bearer ` prefix or surrounding blanks. */
export function normalizeToken(input: string): string {
  return input.trim().replace(/^Bearer\s+/i, '');
}

/**
 * Asks the server who a token belongs to (`viewer { name role }`) before it is kept: a refused
 * token, an ingest-only token (it may not read) and an unreachable server each get a message that
 * says what to do.
 */
export async function checkToken(token: string, options: { url?: string; fetch?: typeof fetch } = {}): Promise<TokenCheck> {
  if (token === '') return { ok: false, message: 'Paste your API token first.' };
  if (/\s/.test(token)) return { ok: false, message: 'An API token has no spaces or line breaks: check that it was copied whole.' };
  const client = new Client({
    url: options.url ?? '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [fetchExchange],
    fetchOptions: { headers: authHeaders(token) },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const result = await client.query(SignInViewerQuery, {}).toPromise();
  const viewer = result.data?.viewer;
  if (viewer && !viewer.anonymous) return { ok: true, viewer: { name: viewer.name, role: viewer.role } };
  if (viewer) return { ok: false, message: 'This server does not use API tokens: reload the page to continue without one.' };
  const error = result.error;
  const status = (error?.response as { status?: unknown } | undefined)?.status;
  const serverMessage = error?.graphQLErrors[0]?.message;
  if (status === 401 || error?.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHORIZED')) {
    return {
      ok: false,
      message: `The server did not accept this token (${serverMessage ?? 'unauthorized'}). Check that it was copied whole and is still configured on the server, or ask your Pedigree admin for a new one.`,
    };
  }
  if (status === 403 || error?.graphQLErrors.some((e) => e.extensions['code'] === 'FORBIDDEN')) {
    return {
      ok: false,
      message: `This token cannot open the UI (${serverMessage ?? 'forbidden'}). Ingest tokens are for OpenLineage producers; ask your Pedigree admin for a viewer, editor or admin token.`,
    };
  }
  if (error?.networkError) return { ok: false, message: `Could not reach the server to check the token: ${error.networkError.message}` };
  return { ok: false, message: `The token could not be checked: ${serverMessage ?? error?.message ?? 'the server sent no answer'}` };
}
