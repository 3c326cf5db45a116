import { createClient as createSseClient } from 'graphql-sse';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from 'urql';

export interface GraphqlClientOptions {
  /** The GraphQL endpoint; default `/graphql` on the page's origin. */
  readonly url?: string;
  /** The API token, sent as `Authorization: Bearer <token>` on every request and subscription; null sends none. */
  readonly token?: string | null;
  /** The fetch to call (tests); default the global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * Called with the server's message when it answers 401 (missing or refused token) or a GraphQL
   * error with `extensions.code` UNAUTHORIZED, for queries, mutations and subscription connections.
   */
  readonly onUnauthorized?: (message: string) => void;
}

/** The `Authorization` header for a token, or none. */
export function authHeaders(token: string | null | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The message of a 401 answer (the API's GraphQL error or `{ error }` body), or a generic one. */
export async function unauthorizedMessage(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { errors?: { message?: unknown }[]; error?: unknown };
    const message = body.errors?.[0]?.message ?? body.error;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // Not JSON: fall through.
  }
  return 'the server answered 401 Unauthorized';
}

/** A fetch that reports 401 answers to `onUnauthorized` (the answer itself goes on to the caller unchanged). */
export function watchUnauthorized(
  fetchImpl: typeof fetch | undefined,
  onUnauthorized: ((message: string) => void) | undefined,
): typeof fetch {
  return async (input, init) => {
    const response = await (fetchImpl ?? globalThis.fetch)(input, init);
    if (response.status === 401 && onUnauthorized) onUnauthorized(await unauthorizedMessage(response));
    return response;
  };
}

/** True when a urql error means the request was not authenticated (HTTP 401 or code UNAUTHORIZED). */
export function isUnauthorized(error: CombinedError | undefined): boolean {
  if (!error) return false;
  const status = (error.response as { status?: unknown } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHORIZED');
}

/**
 * The one urql client: queries and mutations over POST (the API's CSRF prevention refuses simple GET
 * requests), subscriptions over server-sent events with graphql-sse (one connection per operation,
 * which yoga serves without extra configuration). With a token, every request and every
 * subscription connection carries it; the client is built anew when the token changes, so results
 * cached for one identity are never shown to another.
 */
export function createGraphqlClient(options: GraphqlClientOptions = {}): Client {
  const url = options.url ?? '/graphql';
  const headers = authHeaders(options.token);
  const fetchImpl = watchUnauthorized(options.fetch, options.onUnauthorized);
  const sse = createSseClient({ url: new URL(url, window.location.href).href, retryAttempts: 5, headers, fetchFn: fetchImpl });
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetch: fetchImpl,
    fetchOptions: { headers },
    exchanges: [
      cacheExchange,
      // A 401 is already reported by the fetch; a GraphQL error coded UNAUTHORIZED on another status is reported here.
      mapExchange({
        onError(error) {
          const status = (error.response as { status?: unknown } | undefined)?.status;
          if (status !== 401 && isUnauthorized(error)) options.onUnauthorized?.(error.graphQLErrors[0]?.message ?? error.message);
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = sse.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
