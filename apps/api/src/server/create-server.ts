import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '@pedigree/runtime';
import { toExecutionControl } from '../modules/execution/executor-control.ts';
import { decideAnonymousAccess } from '../security/auth.ts';
import { createApi, GRAPHQL_PATH, type ApiApp } from './create-yoga.ts';
import { createOpenLineageRoute, OPENLINEAGE_PATH } from './openlineage-route.ts';
import { createReportRoute, REPORT_ROUTE_PREFIX } from './report-route.ts';
import { PLACEHOLDER_PAGE, serveStatic } from './static-files.ts';

/** The built web client, served at `/` when present. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface CreateServerOptions {
  /** Directory of the built web client; default apps/web/dist. */
  readonly webRoot?: string;
}

export interface PedigreeServer {
  readonly http: Server;
  readonly api: ApiApp;
  /** Starts listening on the configured host and port; resolves with the URL it listens on. */
  listen(): Promise<string>;
  /**
   * Graceful stop: refuses new connections, ends live subscriptions, lets requests in flight
   * finish (up to the configured grace period), then closes what is left. Does not close the runtime.
   */
  close(): Promise<void>;
}

/**
 * The HTTP server: GraphQL (with GraphiQL) at /graphql, audit report downloads at
 * /api/v1/reports/<modelId>.(json|md|html), OpenLineage ingestion at POST /api/v1/lineage,
 * /healthz, /readyz, and the web client at /.
 * Refuses (CONFIGURATION_INVALID naming HOST) to serve a non-loopback address without API tokens.
 */
export function createServer(runtime: Runtime, options: CreateServerOptions = {}): PedigreeServer {
  const { config, logger } = runtime;
  const anonymousAccess = decideAnonymousAccess(config.host, config.tokens);
  if (anonymousAccess) logger.warn({ host: config.host }, 'no API tokens configured: anonymous requests act as editor (loopback only)');
  const control = toExecutionControl(runtime.executor, runtime.store, config.dataDir);
  const api = createApi({
    store: runtime.store,
    control,
    logger,
    tokens: config.tokens,
    anonymousAccess,
    dataDir: config.dataDir,
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
  });
  const serveReport = createReportRoute({ store: runtime.store, authenticator: api.authenticator, logger });
  const serveOpenLineage = createOpenLineageRoute({
    service: api.services.openLineage,
    authenticator: api.authenticator,
    logger,
    maxBodyBytes: config.maxBodyBytes,
  });
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(`${webRoot}/index.html`);
  const httpLogger = logger.child({ component: 'http' });
  let shuttingDown = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (shuttingDown) res.setHeader('connection', 'close');
    if (pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }
    if (pathname === '/readyz') {
      const health = await runtime.store.health();
      const ready = health.ok && !shuttingDown;
      sendJson(res, ready ? 200 : 503, { ok: ready, store: health, shuttingDown });
      return;
    }
    if (pathname === OPENLINEAGE_PATH) {
      await serveOpenLineage(req, res);
      return;
    }
    if (pathname.startsWith(REPORT_ROUTE_PREFIX)) {
      await serveReport(req, res, pathname);
      return;
    }
    if (pathname === GRAPHQL_PATH || pathname.startsWith(`${GRAPHQL_PATH}/`)) {
      // Cheap early refusal of a declared oversized body; streamed bodies are counted by the parser.
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > config.maxBodyBytes) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, {
          errors: [{ message: `the request body is larger than ${config.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
        });
        req.resume();
        return;
      }
      await api.yoga.requestListener(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    if (hasWeb) {
      await serveStatic(webRoot, req, res);
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(PLACEHOLDER_PAGE);
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      httpLogger.error({ err: error, url: req.url }, 'unhandled error serving a request');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // Slow-loris protection: a client has this long to send its headers and its whole request.
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;

  let closing: Promise<void> | null = null;
  return {
    http,
    api,
    listen: () =>
      new Promise<string>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          void api.services.schedules.start().catch((error: unknown) => httpLogger.error({ err: error }, 'could not arm the schedules'));
          void api.services.openLineage.compileFacetSchemas().then(
            (count) => httpLogger.debug({ facetSchemas: count }, 'OpenLineage facet schemas compiled'),
            (error: unknown) => httpLogger.error({ err: error }, 'could not compile the OpenLineage facet schemas'),
          );
          const address = http.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${host}:${address.port}`);
        });
      }),
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        api.services.schedules.stop();
        api.services.executions.shutdown();
        http.closeIdleConnections();
        // A keep-alive connection whose request was in flight turns idle once answered: close it
        // then, rather than wait for the client to hang up or the grace period to end.
        const sweep = setInterval(() => http.closeIdleConnections(), 50);
        sweep.unref();
        const timer = setTimeout(() => {
          httpLogger.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closing remaining connections');
          http.closeAllConnections();
        }, config.shutdownGraceMs);
        timer.unref();
        await closed;
        clearInterval(sweep);
        clearTimeout(timer);
        await api.yoga.dispose();
      })();
      return closing;
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
