import type { ErrorCode } from '@pedigree/domain';
import { CliError, EXIT_FAILURE, EXIT_USAGE, failure, usageError } from '../errors.ts';
import type { TypedDocumentString } from '../generated/graphql.ts';

/** Where the server's GraphQL endpoint lives below its base URL. */
const GRAPHQL_PATH = '/graphql';
/** A query or mutation that takes longer than this is reported as a failure rather than waited on for ever. */
const REQUEST_TIMEOUT_MS = 120_000;

/** A user-fixable problem the API returns as data (mutation payloads, auditReport). */
export interface UserError {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

export interface RemoteClient {
  /** The server's base URL (no trailing slash), as shown in messages. */
  readonly url: string;
  /** Sends one query or mutation; throws CliError (one line) for transport, auth and GraphQL errors. */
  request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R>;
  /**
   * Runs a subscription over server-sent events, calling `onNext` for every result until the server
   * completes the stream or `signal` aborts. Throws CliError like `request`.
   */
  subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onNext: (data: R) => void, signal?: AbortSignal): Promise<void>;
  /** GETs a plain route (e.g. `/api/v1/reports/...`); throws CliError for errors (404 as exit 2). */
  get(pathname: string): Promise<{ readonly body: string; readonly headers: Headers }>;
}

export interface RemoteClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:4000` (a trailing `/graphql` is accepted). */
  readonly server: string;
  /** Bearer token; none for a loopback server without tokens. */
  readonly token: string | null;
  /** For tests; default the global fetch of Node 20+. */
  readonly fetch?: typeof fetch;
}

/** Error codes that mean the caller asked for something that cannot be (exit 2); as in errors.ts. */
const USAGE_CODES: ReadonlySet<string> = new Set<ErrorCode | string>([
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_ARGUMENT',
  'CONFIGURATION_INVALID',
  'INVALID_STATUS_TRANSITION',
  'EXECUTION_NOT_RUNNABLE',
  'CONFLICT',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
]);

/** Exit code for an API error code: the caller's mistake (2) or a failure of the server (1). */
export function exitCodeForApiCode(code: string | undefined): number {
  return code !== undefined && USAGE_CODES.has(code) ? EXIT_USAGE : EXIT_FAILURE;
}

/** Throws the payload's user errors as one CliError: the first as the message, every one as a detail line with its path. */
export function throwUserErrors(errors: readonly UserError[]): void {
  if (errors.length === 0) return;
  const line = (e: UserError): string => (e.path ? `${e.path}: ${e.message}` : e.message);
  const details = errors.length > 1 ? errors.map((e) => `  ${line(e)}`) : [];
  throw new CliError(
    errors.length > 1 ? `${line(errors[0]!)} (and ${errors.length - 1} more)` : line(errors[0]!),
    exitCodeForApiCode(errors[0]!.code),
    details,
  );
}

/** Parses and normalises `--server`: an http(s) URL; a trailing slash or `/graphql` is dropped. Throws CliError (exit 2). */
export function parseServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--server expects an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`--server expects an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(new RegExp(`${GRAPHQL_PATH}$`), '');
  return `${url.origin}${pathname}`;
}

interface GraphQLResponse<R> {
  readonly data?: R | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string; readonly needed?: string } }[];
}

/**
 * A small GraphQL-over-HTTP client on the global fetch: POST with JSON for queries and mutations,
 * POST with `Accept: text/event-stream` for subscriptions (graphql-yoga's "distinct connections"
 * SSE, the protocol the web client uses through graphql-sse), GET for plain routes.
 */
export function createRemoteClient(options: RemoteClientOptions): RemoteClient {
  const url = parseServerUrl(options.server);
  const doFetch = options.fetch ?? fetch;
  const authorization: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  const send = async (input: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(input, init);
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw failure(`the Pedigree server at ${url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
      throw failure(
        `cannot reach the Pedigree server at ${url}: ${networkReason(error)} (is it running? check --server or PEDIGREE_SERVER)`,
      );
    }
  };

  /** 401 and 403 answers become one line saying what to do. */
  const refused = (status: number, message: string | undefined): CliError | null => {
    if (status === 401) {
      return usageError(
        `the server at ${url} refused the request (401): ${message ?? 'unauthorized'}; pass --token or set PEDIGREE_TOKEN to a valid API token`,
      );
    }
    if (status === 403) return usageError(`permission denied (403): ${message ?? 'forbidden'}`);
    return null;
  };

  const graphqlErrors = (status: number, body: GraphQLResponse<unknown>): CliError | null => {
    const first = body.errors?.[0];
    if (!first) return null;
    const code = first.extensions?.code;
    if (code === 'UNAUTHORIZED') return refused(401, first.message);
    // The server's FORBIDDEN message names the role needed and the role the token has.
    if (code === 'FORBIDDEN') return usageError(`permission denied: ${first.message}`);
    const more = (body.errors?.length ?? 0) > 1 ? [`(and ${body.errors!.length - 1} more error(s) from the server)`] : [];
    if (code === 'INTERNAL') return failure(`the server failed to answer: ${first.message} (HTTP ${status}; see the server's log)`, more);
    return new CliError(first.message, exitCodeForApiCode(code), more);
  };

  const readJson = async <R>(response: Response): Promise<GraphQLResponse<R>> => {
    const text = await response.text();
    try {
      return JSON.parse(text) as GraphQLResponse<R>;
    } catch {
      throw failure(
        `the server at ${url} answered HTTP ${response.status} with something that is not GraphQL (is --server a Pedigree server?)`,
      );
    }
  };

  const post = (body: unknown, accept: string, signal?: AbortSignal): Promise<Response> =>
    send(`${url}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...authorization },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });

  return {
    url,
    async request(document, variables) {
      const response = await post(
        { query: document.toString(), variables },
        'application/graphql-response+json, application/json',
        AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      );
      if (response.status === 401 || response.status === 403) {
        const body = await readJson(response).catch(() => ({}) as GraphQLResponse<unknown>);
        throw refused(response.status, body.errors?.[0]?.message) ?? failure(`HTTP ${response.status}`);
      }
      const body = await readJson<unknown>(response);
      const error = graphqlErrors(response.status, body);
      if (error) throw error;
      if (!response.ok || body.data === undefined || body.data === null) {
        throw failure(`the server at ${url} answered HTTP ${response.status} without data`);
      }
      return body.data as never;
    },
    async subscribe(document, variables, onNext, signal) {
      const response = await post({ query: document.toString(), variables }, 'text/event-stream', signal);
      if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        // Refusals (401, validation errors) come back as plain JSON.
        if (response.status === 401 || response.status === 403) {
          const body = await readJson(response).catch(() => ({}) as GraphQLResponse<unknown>);
          throw refused(response.status, body.errors?.[0]?.message) ?? failure(`HTTP ${response.status}`);
        }
        const body = await readJson(response);
        throw (
          graphqlErrors(response.status, body) ??
          failure(`the server at ${url} answered HTTP ${response.status} instead of an event stream`)
        );
      }
      if (!response.body) throw failure(`the server at ${url} sent an empty event stream`);
      try {
        for await (const event of readServerSentEvents(response.body)) {
          if (event.event === 'complete') return;
          if (event.event !== 'next' && event.event !== 'message') continue;
          const payload = JSON.parse(event.data) as GraphQLResponse<never>;
          const error = graphqlErrors(200, payload);
          if (error) throw error;
          if (payload.data) onNext(payload.data);
        }
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof CliError) throw error;
        throw failure(`the event stream from ${url} broke off: ${networkReason(error)}`);
      }
    },
    async get(pathname) {
      const response = await send(`${url}${pathname}`, { headers: authorization, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = await response.text();
      if (response.ok) return { body, headers: response.headers };
      let message: string | undefined;
      try {
        message = (JSON.parse(body) as { error?: string }).error;
      } catch {
        message = undefined;
      }
      const denied = refused(response.status, message);
      if (denied) throw denied;
      if (response.status === 404 || response.status === 400) {
        throw usageError(message ?? `the server at ${url} has no ${pathname} (HTTP ${response.status}; is it an older Pedigree server?)`);
      }
      throw failure(`the server at ${url} answered HTTP ${response.status} for ${pathname}${message ? `: ${message}` : ''}`);
    },
  };
}

/** The reason a connection failed, from undici's error cause (ECONNREFUSED, ENOTFOUND, ...). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'no such host';
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message ?? (error as Error).message;
}

/** One server-sent event: its `event` name (default "message") and its joined `data` lines. */
interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * The events of a text/event-stream body (the WHATWG format: blank-line separated blocks of
 * `field: value` lines; comment lines start with a colon and keep the connection alive).
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer[end] === '\r' ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n') };
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
  if (data.length > 0) yield { event, data: data.join('\n') };
}
