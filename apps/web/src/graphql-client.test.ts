import { gql } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphqlClient, isUnauthorized } from './graphql-client.ts';
import { fakeApi } from './test/fake-api.ts';

const TOKEN = 'editor-token-0123456789';
const TOKENS = { [TOKEN]: { name: 'ana', role: 'editor' } } as const;
const PipelinesQuery = gql`
  query Pipelines {
    pipelines {
      edges {
        node {
          name
        }
      }
    }
  }
`;
const Live = gql`
  subscription ExecutionsChanged {
    executionsChanged {
      executionId
    }
  }
`;

describe('createGraphqlClient', () => {
  it('sends Authorization: Bearer on queries and on the SSE subscription connection', async () => {
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: { pipelines: { edges: [] } } } });
    const client = createGraphqlClient({ url: 'http://pedigree.test/graphql', token: TOKEN, fetch: api.fetch });
    const result = await client.query(PipelinesQuery, {}).toPromise();
    expect(result.error).toBeUndefined();
    const subscription = client.subscription(Live, {}).subscribe(() => undefined);
    await vi.waitFor(() => expect(api.requests.some((r) => r.operationName === 'ExecutionsChanged')).toBe(true));
    subscription.unsubscribe();
    expect(api.requests.map((r) => [r.operationName, r.authorization])).toEqual([
      ['Pipelines', `Bearer ${TOKEN}`],
      ['ExecutionsChanged', `Bearer ${TOKEN}`],
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    const api = fakeApi({ graphql: { Pipelines: { pipelines: { edges: [] } } } });
    const client = createGraphqlClient({ url: 'http://pedigree.test/graphql', token: null, fetch: api.fetch });
    await client.query(PipelinesQuery, {}).toPromise();
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.authorization).toBeNull();
  });

  it('reports a 401 with the server’s message, for a query and for a subscription connection', async () => {
    const api = fakeApi({ tokens: TOKENS });
    const onUnauthorized = vi.fn();
    const client = createGraphqlClient({
      url: 'http://pedigree.test/graphql',
      token: 'wrong-token-0123456789',
      fetch: api.fetch,
      onUnauthorized,
    });
    const result = await client.query(PipelinesQuery, {}).toPromise();
    expect(isUnauthorized(result.error)).toBe(true);
    expect(onUnauthorized).toHaveBeenCalledWith('the API token is not valid');
    onUnauthorized.mockClear();
    const subscription = client.subscription(Live, {}).subscribe(() => undefined);
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledWith('the API token is not valid'));
    subscription.unsubscribe();
  });

  it('reports a GraphQL error coded UNAUTHORIZED on another status', async () => {
    const onUnauthorized = vi.fn();
    const fetchImpl = async () => Response.json({ errors: [{ message: 'session expired', extensions: { code: 'UNAUTHORIZED' } }] });
    const client = createGraphqlClient({ url: 'http://pedigree.test/graphql', fetch: fetchImpl as typeof fetch, onUnauthorized });
    await client.query(PipelinesQuery, {}).toPromise();
    expect(onUnauthorized).toHaveBeenCalledWith('session expired');
  });

  it('does not report other errors (FORBIDDEN is shown where it happens)', async () => {
    const onUnauthorized = vi.fn();
    const fetchImpl = async () =>
      Response.json(
        { errors: [{ message: 'this operation requires the editor role; bob has viewer', extensions: { code: 'FORBIDDEN' } }] },
        { status: 403 },
      );
    const client = createGraphqlClient({ url: 'http://pedigree.test/graphql', fetch: fetchImpl as typeof fetch, onUnauthorized });
    const result = await client.query(PipelinesQuery, {}).toPromise();
    expect(result.error?.message).toContain('requires the editor role');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
