import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPedigreeError } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import type { Logger } from '@pedigree/runtime';
import { renderAuditReport, type AuditReportFormat, type RenderedAuditReport } from '../modules/model/audit-report.ts';
import { ForbiddenError, requireRole, UnauthorizedError, type Authenticator } from '../security/auth.ts';

/** Where audit reports are served as files: `GET /api/v1/reports/<modelId>.(json|md|html)`. */
export const REPORT_ROUTE_PREFIX = '/api/v1/reports/';

/** The file extensions the route serves, and the report format each one names. */
export const REPORT_EXTENSIONS: Readonly<Record<string, AuditReportFormat>> = { json: 'JSON', md: 'MARKDOWN', html: 'HTML' };

/** The path of a model's (artifact or package id) report in one format; what the web client links to. */
export function reportPath(modelId: string, extension: keyof typeof REPORT_EXTENSIONS): string {
  return `${REPORT_ROUTE_PREFIX}${encodeURIComponent(modelId)}.${extension}`;
}

export interface ReportRouteDeps {
  readonly store: GraphStore;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  /** Recorded in the reports as the tool version; default the server's version. */
  readonly toolVersion?: string;
}

// Ids are ar_/mp_ followed by a sortable or hashed body; anything else cannot name a model.
const MODEL_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Serves the audit report of a model artifact (`ar_...`) or model package (`mp_...`) as a download:
 * the same document as the `auditReport` query, but a plain GET that a link, `curl -OJ` or
 * `pedigree report --server` can fetch. Needs the viewer role or above (an ingest-only token gets 403) when tokens are
 * configured. 400 for a bad format or malformed id, 404 naming the id when there is no such model.
 */
export function createReportRoute(deps: ReportRouteDeps): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const logger = deps.logger.child({ component: 'report-route' });
  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, req, 405, { error: `method ${req.method ?? ''} not allowed: use GET` }, { allow: 'GET, HEAD' });
      return;
    }
    try {
      // An ingest-only token (an OpenLineage producer) authenticates but may not read reports.
      requireRole(deps.authenticator.authenticate(req.headers.authorization ?? null), 'viewer');
    } catch (error) {
      if (error instanceof ForbiddenError) {
        send(res, req, 403, { error: error.message, code: 'FORBIDDEN' });
        return;
      }
      if (!(error instanceof UnauthorizedError)) throw error;
      send(res, req, 401, { error: error.message, code: 'UNAUTHORIZED' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(REPORT_ROUTE_PREFIX.length));
    } catch {
      send(res, req, 400, { error: 'the report path is not valid URL encoding', code: 'INVALID_ARGUMENT' });
      return;
    }
    const dot = name.lastIndexOf('.');
    const id = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot + 1) : '';
    const format = Object.hasOwn(REPORT_EXTENSIONS, extension) ? REPORT_EXTENSIONS[extension] : undefined;
    const formats = Object.keys(REPORT_EXTENSIONS).map((e) => `.${e}`);
    if (!format) {
      const what = extension ? `unknown report format .${extension}` : 'no report format given';
      send(res, req, 400, {
        error: `${what}: use ${formats.join(', ')} (e.g. ${REPORT_ROUTE_PREFIX}<modelId>.html)`,
        code: 'INVALID_ARGUMENT',
      });
      return;
    }
    if (!MODEL_ID.test(id)) {
      send(res, req, 400, { error: `not a model id: ${JSON.stringify(id)} (expected ar_... or mp_...)`, code: 'INVALID_ARGUMENT' });
      return;
    }
    let rendered: RenderedAuditReport;
    try {
      rendered = await renderAuditReport(deps.store, id, format, ...(deps.toolVersion ? [deps.toolVersion] : []));
    } catch (error) {
      // Unknown ids and artifacts that are not models: there is no such report (the message names the id).
      if (isPedigreeError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_ARGUMENT')) {
        // The message names the GraphQL argument ("modelId: ..."); here the id is in the path.
        send(res, req, 404, { error: error.message.replace(/^modelId: /, ''), code: 'NOT_FOUND' });
        return;
      }
      throw error;
    }
    const body = Buffer.from(rendered.content, 'utf8');
    logger.info({ modelId: id, format, bytes: body.length }, 'audit report served');
    res.writeHead(200, {
      'content-type': rendered.mediaType,
      'content-length': body.length,
      'content-disposition': `attachment; filename="${rendered.fileName}"`,
      // The report reflects the registry's current approval state: never reuse a stale copy.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The HTML report is self-contained; opened from this origin it may load nothing and run nothing.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'x-report-sha256': rendered.sha256,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
