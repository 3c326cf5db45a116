import { randomUUID } from 'node:crypto';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphStore } from '@pedigree/graph-store';
import type { ApiToken, Logger } from '@pedigree/runtime';
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { ApiContext, Viewer } from '../context.ts';
import { isUserFacingError, toGraphQLError } from '../errors.ts';
import { createLoaders } from '../loaders.ts';
import type { ExecutionControl } from '../modules/execution/execution-control.ts';
import { createSchema } from '../schema.ts';
import { createAuthenticator, UnauthorizedError, type Authenticator } from '../security/auth.ts';
import { ARMOR_CONFIG } from '../security/limits.ts';
import { createServices, type Services } from '../services.ts';
import { readJsonBody } from './request-body.ts';

export const GRAPHQL_PATH = '/graphql';
export const REQUEST_ID_HEADER = 'x-request-id';

export interface CreateApiOptions {
  readonly store: GraphStore;
  readonly control: ExecutionControl;
  readonly logger: Logger;
  readonly tokens: readonly ApiToken[];
  /** Requests without a token act as the anonymous editor (loopback servers without tokens only). */
  readonly anonymousAccess: boolean;
  /** The data directory: the API keeps its schedules file there. */
  readonly dataDir: string;
  /** Largest accepted request body; default 2 MiB. */
  readonly maxBodyBytes?: number;
  /** Origins allowed to call the API cross-origin from a browser; default none (same-origin only). */
  readonly corsOrigins?: readonly string[];
}

export interface ApiApp {
  readonly yoga: YogaServerInstance<Record<string, unknown>, ApiContext>;
  readonly services: Services;
  readonly authenticator: Authenticator;
}

interface RequestState {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly logger: Logger;
  readonly startedAt: number;
}

const MASKED_MESSAGE = 'Unexpected error.';

/**
 * The GraphQL application: schema, authentication, limits, CSRF prevention, masked errors and
 * request logging. Transport-independent: `yoga.fetch` in tests, node:http in `createServer`.
 */
export function createApi(options: CreateApiOptions): ApiApp {
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const authenticator = createAuthenticator(options.tokens, { anonymousAccess: options.anonymousAccess });
  const services = createServices({
    store: options.store,
    control: options.control,
    tokens: options.tokens,
    anonymousAccess: options.anonymousAccess,
    dataDir: options.dataDir,
    logger: options.logger,
  });
  const states = new WeakMap<Request, RequestState>();
  const baseLogger = options.logger.child({ component: 'api' });

  const requestPlugin: Plugin<ApiContext> = {
    onRequest({ request, endResponse }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
      const logger = lazyChild(baseLogger, { requestId });
      try {
        const viewer = authenticator.authenticate(request.headers.get('authorization'));
        if (viewer.role === 'ingest') {
          // An ingest token (handed to Spark, dbt, Airflow) may post OpenLineage events and read nothing.
          const message = `the ingest role may only post OpenLineage events to /api/v1/lineage; ${viewer.name} has ingest`;
          logger.warn({ method: request.method, url: pathOf(request.url), status: 403, viewer: viewer.name }, message);
          endResponse(
            Response.json(
              { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] },
              { status: 403, headers: { [REQUEST_ID_HEADER]: requestId } },
            ),
          );
          return;
        }
        states.set(request, { requestId, viewer, logger, startedAt: performance.now() });
      } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
        logger.warn({ method: request.method, url: pathOf(request.url), status: 401 }, error.message);
        endResponse(
          Response.json(
            { errors: [{ message: error.message, extensions: { code: 'UNAUTHORIZED' } }] },
            { status: 401, headers: { 'www-authenticate': 'Bearer', [REQUEST_ID_HEADER]: requestId } },
          ),
        );
      }
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method === 'POST') setRequestParser((req) => readJsonBody(req, maxBodyBytes) as never);
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      response.headers.set(REQUEST_ID_HEADER, state.requestId);
      const status = response.status;
      // The base logger with the request id on the line (the same JSON as the request's child
      // logger writes): a request whose resolvers log nothing never builds that child.
      const line = {
        requestId: state.requestId,
        method: request.method,
        path: pathOf(request.url),
        status,
        viewer: state.viewer.name,
        ms: Math.round(performance.now() - state.startedAt),
      };
      if (status >= 500) baseLogger.error(line, 'request failed');
      else if (status >= 400) baseLogger.warn(line, 'request refused');
      else baseLogger.info(line, 'request');
    },
    onExecute() {
      return {
        onExecuteDone({ args, result }) {
          if ('errors' in result && result.errors) logUnexpected(result.errors, (args.contextValue as ApiContext).logger);
        },
      };
    },
    onSubscribe({ args: subscribeArgs }) {
      return {
        onSubscribeResult({ args }) {
          return {
            onNext({ result }) {
              if (result.errors) logUnexpected(result.errors, (args.contextValue as ApiContext).logger);
            },
          };
        },
        onSubscribeError({ error }) {
          logUnexpected([error as GraphQLError], (subscribeArgs.contextValue as ApiContext).logger);
        },
      };
    },
  };

  const yoga = createYoga<Record<string, unknown>, ApiContext>({
    schema: createSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: { title: 'Pedigree GraphQL', defaultQuery: DEFAULT_QUERY },
    landingPage: false,
    // Same-origin only unless origins are configured. Yoga's default reflects any Origin with
    // credentials allowed, which would let any web page a user opens drive a loopback server
    // (anonymous editor) through their browser: the CSRF header check alone cannot stop a page
    // whose preflight the server approves.
    cors: corsOptions(options.corsOrigins ?? []),
    logging: false,
    // Batching would multiply every per-request limit by the batch size.
    batching: false,
    // The body limit is enforced by our own parser (readJsonBody: Content-Length checked up front,
    // a chunked body counted as it streams). Yoga's built-in limit would wrap every request body in
    // a TransformStream and a second Request (a stream pipeline, an AbortController and a
    // DOMException per request): about a tenth of the CPU of a lineage request under load.
    maxRequestBodySize: false,
    // Parsed documents and validation results are cached per query string (and schema); this is
    // yoga's default, spelled out because the limits below rely on it: graphql-armor's rules run
    // as validation rules, so a cached validation also skips them for a repeated query.
    parserAndValidationCache: true,
    // The 'Unexpected error.' body with no stack: nothing about the server leaks to clients.
    maskedErrors: { maskError: maskError, isDev: false },
    // Liveness and readiness have their own endpoints (/healthz, /readyz).
    healthCheckEndpoint: '/_yoga_health',
    context: ({ request }) => {
      const state = states.get(request);
      if (!state) throw new UnauthorizedError('request was not authenticated');
      return {
        requestId: state.requestId,
        viewer: state.viewer,
        logger: state.logger,
        loaders: createLoaders(options.store),
        services,
      };
    },
    plugins: [
      requestPlugin,
      // Refuses "simple" requests (forms, text/plain, multipart) that a browser would send cross-site without a preflight.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'graphql-require-preflight'] }),
      EnvelopArmorPlugin(ARMOR_CONFIG),
      // Compiled execution (graphql-jit) for queries and mutations, cached per parsed document;
      // subscriptions and the few documents JIT would read differently keep graphql-js's executor.
      // Not customJSONSerializer: graphql-jit cannot derive a serializer for custom scalars (JSON).
      useGraphQlJit({}, { enableIf: (args) => jitSuitable(args.schema, args.document, args.operationName) }),
    ],
  });

  return { yoga, services, authenticator };
}

/** Yoga's CORS setting for the configured origins: none means no CORS headers at all. */
function corsOptions(origins: readonly string[]): false | { origin: string[]; credentials: boolean; methods: string[]; maxAge: number } {
  if (origins.length === 0) return false;
  // Bearer tokens, not cookies: credentials are not needed cross-origin.
  return { origin: [...origins], credentials: false, methods: ['GET', 'POST'], maxAge: 600 };
}

/**
 * A child logger built on its first use. Building a pino child serializes its bindings, which
 * showed in the profile of the lineage benchmark although most requests never log through it.
 * A class, not closures: one is made per request, and its methods live on the prototype.
 */
class LazyChildLogger implements Logger {
  #child: Logger | null = null;
  constructor(
    private readonly base: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}
  #get(): Logger {
    return (this.#child ??= this.base.child(this.bindings));
  }
  trace(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'trace', fieldsOrMessage, message);
  }
  debug(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'debug', fieldsOrMessage, message);
  }
  info(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'info', fieldsOrMessage, message);
  }
  warn(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'warn', fieldsOrMessage, message);
  }
  error(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'error', fieldsOrMessage, message);
  }
  fatal(fieldsOrMessage: object | string, message?: string): void {
    forwardLog(this.#get(), 'fatal', fieldsOrMessage, message);
  }
  child(more: Record<string, unknown>): Logger {
    return this.#get().child(more);
  }
  flush(): void {
    this.#get().flush();
  }
}

function forwardLog(
  logger: Logger,
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
  fieldsOrMessage: object | string,
  message?: string,
): void {
  if (typeof fieldsOrMessage === 'string') logger[level](fieldsOrMessage);
  else logger[level](fieldsOrMessage, message);
}

export function lazyChild(base: Logger, bindings: Record<string, unknown>): Logger {
  return new LazyChildLogger(base, bindings);
}

/** The path of an absolute request URL, without building a URL object on every request. */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.indexOf('?', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

const jitDecisions = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * Whether an operation runs compiled (graphql-jit) or with graphql-js. Not compiled: subscriptions
 * (JIT's support for them is not used), and documents with a literal for a scalar whose
 * parseLiteral reads variables (the JSON scalar, as in `definition: { name: $name }`): JIT parses
 * such literals once at compile time without variables (and complains on stderr), graphql-js
 * parses them per request with the variables. Decided once per parsed document (yoga's parser
 * cache hands out the same DocumentNode for the same query text).
 */
export function jitSuitable(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  let byOperation = jitDecisions.get(document);
  if (!byOperation) jitDecisions.set(document, (byOperation = new Map()));
  const key = operationName ?? '';
  let decision = byOperation.get(key);
  if (decision === undefined) {
    decision =
      getOperationAST(document, operationName ?? undefined)?.operation !== 'subscription' &&
      !hasVariableReadingScalarLiteral(schema, document);
    byOperation.set(key, decision);
  }
  return decision;
}

function hasVariableReadingScalarLiteral(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  const literal = (): void => {
    const type = typeInfo.getInputType();
    const named = type ? getNamedType(type) : undefined;
    if (named && isScalarType(named) && named.parseLiteral.length > 1) found = true;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.OBJECT]: literal,
      [Kind.LIST]: literal,
      [Kind.STRING]: literal,
      [Kind.INT]: literal,
      [Kind.FLOAT]: literal,
      [Kind.BOOLEAN]: literal,
      [Kind.NULL]: literal,
      [Kind.ENUM]: literal,
    }),
  );
  return found;
}

function unexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  return original !== undefined && original !== null && !(original instanceof GraphQLError) && !isUserFacingError(original);
}

function logUnexpected(errors: readonly GraphQLError[], logger: Logger): void {
  for (const error of errors) {
    if (unexpected(error)) logger.error({ err: error.originalError, path: error.path }, 'unexpected error in resolver');
  }
}

/** Caller-fixable PedigreeErrors keep their message and code; every other error is masked. */
function maskError(error: unknown): Error {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (isUserFacingError(original)) return toGraphQLError(original, error.path);
    if (!original || original instanceof GraphQLError) return error;
    return new GraphQLError(MASKED_MESSAGE, { path: error.path, nodes: error.nodes, extensions: { code: 'INTERNAL' } });
  }
  if (isUserFacingError(error)) return toGraphQLError(error);
  return new GraphQLError(MASKED_MESSAGE, { extensions: { code: 'INTERNAL' } });
}

const DEFAULT_QUERY = `# Pedigree: pipelines, executions and the lineage of every artifact.
query Recent {
  executions(first: 5) {
    edges {
      node { id pipelineName status startedAt steps { stepName status cacheHit } }
    }
  }
}
`;
