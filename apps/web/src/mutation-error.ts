import type { CombinedError } from 'urql';

/**
 * What to show beside a form when a mutation failed: the server's messages without urql's
 * `[GraphQL]` prefix, and for FORBIDDEN (a viewer token on an editor action) what would help.
 */
export function mutationErrorMessage(error: CombinedError): string {
  if (error.graphQLErrors.length === 0) return error.networkError?.message ?? error.message;
  const text = error.graphQLErrors.map((e) => e.message).join(' ');
  const forbidden = error.graphQLErrors.some((e) => e.extensions['code'] === 'FORBIDDEN');
  return forbidden ? `Not allowed: ${text}. Ask your Pedigree admin for an editor token.` : text;
}
