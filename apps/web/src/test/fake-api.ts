// A fetch that acts like the API's authentication in front of canned GraphQL answers: with tokens
// configured, a request without a known token is 401 (as apps/api create-yoga answers it) and an
// ingest token is 403; without tokens, every request is the anonymous editor and a token is refused.

export interface FakeToken {
  readonly name: string;
  readonly role: 'viewer' | 'editor' | 'admin' | 'ingest';
}

export interface FakeRequest {
  readonly url: string;
  readonly method: string;
  /** The GraphQL operation name (POST /graphql), or null for other routes. */
  readonly operationName: string | null;
  readonly authorization: string | null;
  readonly accept: string | null;
}

export interface FakeApiOptions {
  /** Token secret to its name and role; empty or missing for an anonymous loopback server. */
  readonly tokens?: Record<string, FakeToken>;
  /** GraphQL data per operation name (`viewer` is filled in from the caller). */
  readonly graphql?: Record<string, unknown>;
  /** Other routes by path: the Response to send (a function gets a fresh one per request). */
  readonly routes?: Record<string, () => Response>;
}

export interface FakeApi {
  readonly fetch: typeof fetch;
  readonly requests: FakeRequest[];
}

function unauthorized(message: string): Response {
  return Response.json(
    { errors: [{ message, extensions: { code: 'UNAUTHORIZED' } }] },
    { status: 401, statusText: 'Unauthorized', headers: { 'www-authenticate': 'Bearer' } },
  );
}

/** Waits until the request is aborted, like a live event stream that sends nothing. */
function openStream(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });
}

export function fakeApi(options: FakeApiOptions = {}): FakeApi {
  const tokens = options.tokens ?? {};
  const anonymous = Object.keys(tokens).length === 0;
  const requests: FakeRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://pedigree.test');
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization');
    const accept = headers.get('accept');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string; query?: string }) : null;
    const operationName =
      url.pathname === '/graphql'
        ? (body?.operationName ?? /(?:query|subscription|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1] ?? '')
        : null;
    requests.push({ url: url.pathname, method: init?.method ?? 'GET', operationName, authorization, accept });

    let viewer: { name: string; role: string; anonymous: boolean };
    if (!authorization) {
      if (!anonymous) return unauthorized('an API token is required: send Authorization: Bearer <token>');
      viewer = { name: 'anonymous', role: 'editor', anonymous: true };
    } else {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? '';
      const found = tokens[token];
      if (!found) return unauthorized('the API token is not valid');
      if (found.role === 'ingest') {
        const message = `the ingest role may only post OpenLineage events to /api/v1/lineage; ${found.name} has ingest`;
        return Response.json({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }, { status: 403, statusText: 'Forbidden' });
      }
      viewer = { name: found.name, role: found.role, anonymous: false };
    }

    if (operationName === null) {
      const route = options.routes?.[url.pathname];
      return route ? route() : Response.json({ error: 'not found' }, { status: 404, statusText: 'Not Found' });
    }
    if (accept?.includes('text/event-stream') && !accept.includes('application/json')) return openStream(init?.signal);
    if (operationName === 'Viewer' || operationName === 'SignInViewer') {
      return Response.json({ data: { viewer, serverInfo: { version: '0.1.0', store: { adapter: 'sqlite', ok: true } } } });
    }
    const data = options.graphql?.[operationName];
    if (data === undefined) return Response.json({ errors: [{ message: `no fixture for ${operationName}` }] });
    return Response.json({ data });
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}
