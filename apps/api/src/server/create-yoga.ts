import { randomUUID } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphStore } from '@pedigree/graph-store';
import type { ApiToken, Logger } from '@pedigree/runtime';
import { GraphQLError } from 'graphql';
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
      const logger = baseLogger.child({ requestId });
      try {
        const viewer = authenticator.authenticate(request.headers.get('authorization'));
        states.set(request, { requestId, viewer, logger, startedAt: performance.now() });
      } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
        logger.warn({ method: request.method, url: new URL(request.url).pathname, status: 401 }, error.message);
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
      const line = {
        method: request.method,
        path: new URL(request.url).pathname,
        status,
        viewer: state.viewer.name,
        ms: Math.round(performance.now() - state.startedAt),
      };
      if (status >= 500) state.logger.error(line, 'request failed');
      else if (status >= 400) state.logger.warn(line, 'request refused');
      else state.logger.info(line, 'request');
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
    logging: false,
    // Batching would multiply every per-request limit by the batch size.
    batching: false,
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
    ],
  });

  return { yoga, services, authenticator };
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
