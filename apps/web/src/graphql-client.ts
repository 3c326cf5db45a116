import { createClient as createSseClient } from 'graphql-sse';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

/**
 * The one urql client: queries and mutations over POST (the API's CSRF prevention refuses simple GET
 * requests), subscriptions over server-sent events with graphql-sse (one connection per operation,
 * which yoga serves without extra configuration).
 */
export function createGraphqlClient(url = '/graphql'): Client {
  const sse = createSseClient({ url: new URL(url, window.location.href).href, retryAttempts: 5 });
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
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
