/**
 * GET /api/v1/reports/<modelId>.(json|md|html) over real HTTP: the server of `createServer` with
 * API tokens on, listening on a free port, over a store seeded through the API.
 */
import type { Artifact, ModelPackage } from '@pedigree/domain';
import { hashToken } from '@pedigree/runtime';
import { verifyReport } from '@pedigree/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type PedigreeServer } from '../src/server/create-server.ts';
import { reportPath } from '../src/server/report-route.ts';
import { API_TOKENS, createHarness, TOKENS, type Harness } from './harness.ts';
import { seedSmallRun } from './seed.ts';

let h: Harness;
let server: PedigreeServer;
let base: string;
let model: Artifact;
let dataset: Artifact;
let modelPackage: ModelPackage;
// An OpenLineage producer's token: it may post events and nothing else.
const INGEST_TOKEN = 'ingest-token-for-reports-0123456789';

beforeAll(async () => {
  h = await createHarness();
  await seedSmallRun(h);
  model = (await h.store.listArtifacts({ types: ['Model'] })).items[0]!;
  dataset = (await h.store.listArtifacts({ uriPrefix: 'file://' })).items[0]!;
  modelPackage = (await h.store.listModelPackages()).items[0]!;
  // The same runtime, served on a free loopback port with the harness's tokens required.
  server = createServer(
    {
      ...h.runtime,
      config: {
        ...h.runtime.config,
        port: 0,
        host: '127.0.0.1',
        tokens: [...API_TOKENS, { name: 'spark', role: 'ingest', sha256: hashToken(INGEST_TOKEN) }],
      },
    },
    { webRoot: h.dataDir },
  );
  base = await server.listen();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await h?.close();
});

const get = (path: string, token: keyof typeof TOKENS | null = 'viewer', method = 'GET'): Promise<Response> =>
  fetch(`${base}${path}`, { method, headers: token ? { authorization: `Bearer ${TOKENS[token]}` } : {} });

describe('GET /api/v1/reports/<modelId>.<format>', () => {
  it('serves the JSON report of a model artifact to a viewer, as an attachment that verifies', async () => {
    const response = await get(reportPath(model.id, 'json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const disposition = response.headers.get('content-disposition');
    expect(disposition).toMatch(/^attachment; filename="audit-report-[A-Za-z0-9._-]+\.json"$/);
    const text = await response.text();
    const document = JSON.parse(text) as { sha256: string; report: { subject: { modelArtifactId: string } } };
    expect(document.report.subject.modelArtifactId).toBe(model.id);
    expect(response.headers.get('x-report-sha256')).toBe(document.sha256);
    expect((await verifyReport(text, { resolveArtifact: async () => null })).hash.valid).toBe(true);
  });

  it('serves the same report as the auditReport query, byte for byte, in every format', async () => {
    for (const [extension, format, mediaType] of [
      ['json', 'JSON', 'application/json'],
      ['md', 'MARKDOWN', 'text/markdown; charset=utf-8'],
      ['html', 'HTML', 'text/html; charset=utf-8'],
    ] as const) {
      const response = await get(reportPath(model.id, extension));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(mediaType);
      const { body } = await h.gql<{ auditReport: { content: string; fileName: string } }>(
        'query ($id: ID!, $f: AuditReportFormat!) { auditReport(modelId: $id, format: $f) { content fileName } }',
        { id: model.id, f: format },
        { token: 'viewer' },
      );
      expect(await response.text()).toBe(body.data!.auditReport.content);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${body.data!.auditReport.fileName}"`);
    }
  });

  it('accepts a model package id and names the file after its group and version', async () => {
    const response = await get(reportPath(modelPackage.id, 'html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-report-${modelPackage.group}-v${modelPackage.version}.html"`,
    );
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain(dataset.digest);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(reportPath(model.id, 'md'), 'viewer', 'HEAD');
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await response.text()).toBe('');
  });

  it('refuses a request without a token (401) or with an unknown one', async () => {
    const none = await get(reportPath(model.id, 'json'), null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as { error: string }).error).toMatch(/API token is required/);
    const wrong = await fetch(`${base}${reportPath(model.id, 'json')}`, { headers: { authorization: 'Bearer nope-nope-nope' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses an ingest-only token (403 naming the role needed): reports are for viewers and up', async () => {
    const response = await fetch(`${base}${reportPath(model.id, 'json')}`, { headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe('FORBIDDEN');
    expect(body.error).toMatch(/requires the viewer role; spark has ingest/);
  });

  it('answers 404 naming the id for an unknown model, a package that does not exist, or an artifact that is not a model', async () => {
    for (const id of ['ar_doesnotexist', 'mp_doesnotexist', 'ex_whatever']) {
      const response = await get(reportPath(id, 'html'));
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toContain(id);
    }
    const notModel = await get(reportPath(dataset.id, 'json'));
    expect(notModel.status).toBe(404);
    expect(((await notModel.json()) as { error: string }).error).toBe(`${dataset.id} is a DataSet artifact, not a Model`);
  });

  it('answers 400 for a format it does not serve, or none, listing the formats it does', async () => {
    const pdf = await get(`/api/v1/reports/${model.id}.pdf`);
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { error: string }).error).toBe(
      'unknown report format .pdf: use .json, .md, .html (e.g. /api/v1/reports/<modelId>.html)',
    );
    const none = await get(`/api/v1/reports/${model.id}`);
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toMatch(/^no report format given: use \.json, \.md, \.html/);
    const weird = await get('/api/v1/reports/..%2F..%2Fetc%2Fpasswd.json');
    expect(weird.status).toBe(400);
  });

  it('refuses other methods with 405', async () => {
    const response = await fetch(`${base}${reportPath(model.id, 'json')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.viewer}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
