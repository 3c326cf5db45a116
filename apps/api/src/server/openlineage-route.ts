import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { isPedigreeError } from '@pedigree/domain';
import type { OpenLineageIngestReport } from '@pedigree/openlineage';
import type { Logger } from '@pedigree/runtime';
import type { OpenLineageService } from '../modules/openlineage/openlineage-service.ts';
import { jsonErrorPosition, lineAndColumn } from './json-error-position.ts';
import { ForbiddenError, requireIngest, UnauthorizedError, type Authenticator } from '../security/auth.ts';

const gunzipAsync = promisify(gunzip);

/** Where OpenLineage producers post their events: the path Marquez uses. */
export const OPENLINEAGE_PATH = '/api/v1/lineage';

const JSON_TYPES = new Set(['application/json']);
/**
 * Most events in one request. The body limit alone would let 2 MiB of `{}` lines ask for ~700,000
 * results (a response tens of times the request); real producers send one event or a few hundred.
 */
export const MAX_BATCH_EVENTS = 10_000;
const MAX_LOGGED_REJECTIONS = 20;
const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines']);

export interface OpenLineageRouteDeps {
  readonly service: OpenLineageService;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  /** Largest accepted body in bytes (the server's PEDIGREE_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * `POST /api/v1/lineage`, as Marquez answers it. One event (a JSON object): 201 when stored, 200
 * when the same event was stored before (a producer's re-send), 400 `{ error, path }` when it is
 * invalid. A batch (a JSON array, or NDJSON with `Content-Type: application/x-ndjson`): 200 with one
 * result per event; an invalid event does not stop the others. 401 without a valid token (when
 * tokens are on), 403 for a role that may not ingest (viewer), 413 over the body limit, 415 for
 * another content type, 400 naming line and column for malformed JSON, 503 when the store is
 * unreachable (producers retry on 5xx; a re-sent event is a duplicate, never a second copy).
 */
export function createOpenLineageRoute(deps: OpenLineageRouteDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const baseLogger = deps.logger.child({ component: 'openlineage' });
  return async (req, res) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const logger = baseLogger.child({ requestId });
    const startedAt = performance.now();
    res.setHeader('x-request-id', requestId);
    try {
      if (req.method !== 'POST') throw new HttpError(405, `method ${req.method ?? ''} not allowed: POST OpenLineage events`, {});
      let viewer;
      try {
        viewer = deps.authenticator.authenticate(req.headers.authorization ?? null);
        requireIngest(viewer);
      } catch (error) {
        if (error instanceof UnauthorizedError) throw new HttpError(401, error.message, { code: 'UNAUTHORIZED' });
        if (error instanceof ForbiddenError) throw new HttpError(403, error.message, { code: 'FORBIDDEN' });
        throw error;
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const ndjson = NDJSON_TYPES.has(type);
      if (!ndjson && !JSON_TYPES.has(type)) {
        throw new HttpError(
          415,
          `Content-Type must be application/json (one event or an array) or application/x-ndjson (got ${type || 'none'})`,
          {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        );
      }
      const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) {
        throw new HttpError(415, `Content-Encoding ${encoding} is not supported: send gzip or no encoding`, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      }
      const raw = await readBody(req, deps.maxBodyBytes);
      const text = (encoding === 'identity' ? raw : await gunzipLimited(raw, deps.maxBodyBytes)).toString('utf8');
      const payload = ndjson ? text : parseJson(text);
      const batch = ndjson || Array.isArray(payload);
      const count = !batch ? 1 : ndjson ? countLines(text) : (payload as unknown[]).length;
      if (count === 0) throw new HttpError(400, 'the body holds no events', { path: '/' });
      if (count > MAX_BATCH_EVENTS) {
        throw new HttpError(400, `a batch may hold at most ${MAX_BATCH_EVENTS} events (got ${count}): split it`, { path: '/' });
      }
      const report = await deps.service.ingest(payload);
      const line = summary(report, viewer.name, performance.now() - startedAt);
      // One line per rejected event, up to a few: a batch of junk must not flood the log.
      const rejected = report.results.filter((r) => r.error);
      for (const result of rejected.slice(0, MAX_LOGGED_REJECTIONS)) {
        logger.warn({ index: result.index, path: result.error!.path }, `OpenLineage event rejected: ${result.error!.message}`);
      }
      if (rejected.length > MAX_LOGGED_REJECTIONS)
        logger.warn({ more: rejected.length - MAX_LOGGED_REJECTIONS }, 'more OpenLineage events rejected');
      if (!batch) {
        const result = report.results[0]!;
        if (result.status === 'invalid') {
          logger.warn({ ...line, status: 400 }, 'OpenLineage event rejected');
          sendJson(res, 400, { error: result.error!.message, path: result.error!.path, warnings: result.warnings });
          return;
        }
        const status = result.status === 'created' ? 201 : 200;
        logger.info({ ...line, status }, 'OpenLineage event ingested');
        sendJson(res, status, {
          status: result.status,
          runId: result.runId ?? null,
          eventDigest: result.eventDigest,
          warnings: result.warnings,
        });
        return;
      }
      logger.info({ ...line, status: 200 }, 'OpenLineage batch ingested');
      sendJson(res, 200, { created: report.created, duplicates: report.duplicates, invalid: report.invalid, results: report.results });
    } catch (error) {
      if (error instanceof HttpError) {
        const log = { status: error.status, method: req.method, ms: Math.round(performance.now() - startedAt) };
        if (error.status >= 500) logger.error(log, error.message);
        else logger.warn(log, error.message);
        if (error.status === 413) res.setHeader('connection', 'close');
        const headers: Record<string, string> =
          error.status === 401 ? { 'www-authenticate': 'Bearer' } : error.status === 405 ? { allow: 'POST' } : {};
        sendJson(res, error.status, { error: error.message, ...error.body }, headers);
        return;
      }
      if (isPedigreeError(error) && error.code === 'STORE_UNAVAILABLE') {
        logger.error({ err: error, status: 503 }, 'the store is unavailable: OpenLineage events not stored');
        sendJson(res, 503, { error: 'the lineage store is unavailable; retry later', code: 'STORE_UNAVAILABLE' }, { 'retry-after': '5' });
        return;
      }
      logger.error({ err: error, status: 500 }, 'unexpected error ingesting OpenLineage events');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId });
      else res.destroy();
    }
  };
}

function countLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') count += 1;
  return count;
}

function summary(report: OpenLineageIngestReport, viewer: string, ms: number): Record<string, unknown> {
  return {
    viewer,
    events: report.results.length,
    created: report.created,
    duplicates: report.duplicates,
    invalid: report.invalid,
    warnings: report.results.reduce((n, r) => n + r.warnings.length, 0),
    ms: Math.round(ms),
  };
}

/** The body as UTF-8, refused with 413 past the limit (declared or counted as it streams). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (): HttpError => new HttpError(413, `the request body is larger than ${maxBytes} bytes`, { code: 'PAYLOAD_TOO_LARGE' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge();
  }
  // Events rather than async iteration: leaving a for-await early destroys the socket, and the
  // client would never see the 413. Past the limit the rest is drained and dropped.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!refused) reject(error);
    });
  });
}

/**
 * A gzip body (the OpenLineage clients' `compression: gzip`), inflated up to the same limit as a
 * plain body: a small bomb that inflates past it is a 413, never a large buffer.
 */
async function gunzipLimited(body: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new HttpError(413, `the request body inflates to more than ${maxBytes} bytes`, { code: 'PAYLOAD_TOO_LARGE' });
    }
    throw new HttpError(400, `the body is not valid gzip: ${(error as Error).message}`, { path: '/', code: 'MALFORMED_BODY' });
  }
}

/** JSON.parse; a syntax error is a 400 naming its line and column. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = jsonErrorPosition(text);
    if (position === null) throw new HttpError(400, `the body is not valid JSON: ${message}`, { path: '/', code: 'MALFORMED_JSON' });
    const { line, column } = lineAndColumn(text, position);
    throw new HttpError(400, `the body is not valid JSON at line ${line}, column ${column}: ${message}`, {
      path: `line ${line}, column ${column}`,
      code: 'MALFORMED_JSON',
    });
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
