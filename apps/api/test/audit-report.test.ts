import type { Artifact, ModelPackage } from '@pedigree/domain';
import { combineResolvers, createArtifactStoreResolver, createFileResolver, verifyReport, type ArtifactResolver } from '@pedigree/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';
import { seedSmallRun } from './seed.ts';

let h: Harness;
let model: Artifact;
let input: Artifact;
let modelPackage: ModelPackage;

beforeAll(async () => {
  h = await createHarness();
  await seedSmallRun(h);
  model = (await h.store.listArtifacts({ types: ['Model'] })).items[0]!;
  input = (await h.store.listArtifacts({ uriPrefix: 'file://' })).items[0]!;
  modelPackage = (await h.store.listModelPackages()).items[0]!;
});
afterAll(async () => h.close());

/** Re-hashes files under the project root and content in the artifact store, as `pedigree verify` does. */
const resolvers = (): ArtifactResolver =>
  combineResolvers(
    createFileResolver({ baseDir: h.runtime.config.projectRoot }),
    createArtifactStoreResolver(h.artifacts, { uriPrefix: 'pedigree://' }),
  );

const AUDIT_REPORT = `query AuditReport($modelId: ID!, $format: AuditReportFormat!) {
  auditReport(modelId: $modelId, format: $format) {
    content
    sha256
    fileName
    mediaType
    errors { path message code }
  }
}`;

interface AuditReportResult {
  content: string | null;
  sha256: string | null;
  fileName: string | null;
  mediaType: string | null;
  errors: { path: string; message: string; code: string }[];
}

async function auditReport(modelId: string, format: 'JSON' | 'MARKDOWN' | 'HTML', token: 'viewer' | 'editor' = 'viewer') {
  const { status, body } = await h.gql<{ auditReport: AuditReportResult }>(AUDIT_REPORT, { modelId, format }, { token });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data!.auditReport;
}

describe('auditReport', () => {
  it('serves a JSON report whose hash verifies, to a viewer', async () => {
    const result = await auditReport(model.id, 'JSON');
    expect(result.errors).toEqual([]);
    expect(result.mediaType).toBe('application/json');
    expect(result.fileName).toMatch(/^audit-report-[A-Za-z0-9._-]+\.json$/);
    const document = JSON.parse(result.content!) as { sha256: string; report: { subject: { modelArtifactId: string } } };
    expect(document.sha256).toBe(result.sha256);
    expect(document.report.subject.modelArtifactId).toBe(model.id);
    const verified = await verifyReport(result.content!, { resolveArtifact: resolvers() });
    expect(verified.hash.valid).toBe(true);
    expect(verified.hash.actual).toBe(result.sha256);
    expect(verified.ok).toBe(true);
    expect(verified.counts.changed).toBe(0);
    expect(verified.artifacts.find((a) => a.id === input.id)?.status).toBe('unchanged');

    const tampered = result.content!.replace(model.id, `${model.id.slice(0, -1)}x`);
    expect(tampered).not.toBe(result.content);
    expect((await verifyReport(tampered, { resolveArtifact: resolvers() })).hash.valid).toBe(false);
  });

  it('is deterministic and has the same hash in every format', async () => {
    const [json, again, markdown, html] = await Promise.all([
      auditReport(model.id, 'JSON'),
      auditReport(model.id, 'JSON'),
      auditReport(model.id, 'MARKDOWN'),
      auditReport(model.id, 'HTML'),
    ]);
    expect(again.content).toBe(json.content);
    expect(markdown.sha256).toBe(json.sha256);
    expect(html.sha256).toBe(json.sha256);
    expect(markdown.mediaType).toBe('text/markdown; charset=utf-8');
    expect(markdown.fileName).toMatch(/\.md$/);
    expect(markdown.content).toContain('```mermaid');
  });

  it('serves a self-contained HTML report naming the dataset it was trained on', async () => {
    const result = await auditReport(model.id, 'HTML');
    expect(result.errors).toEqual([]);
    expect(result.mediaType).toBe('text/html; charset=utf-8');
    expect(result.fileName).toMatch(/\.html$/);
    expect(result.content).toMatch(/^<!DOCTYPE html>/i);
    expect(result.content).toContain(input.uri);
    expect(result.content).toContain(input.digest);
    expect(result.content).not.toMatch(/<script|src="https?:|href="https?:/i);
  });

  it('reports on a model package, named after its group and version', async () => {
    const result = await auditReport(modelPackage.id, 'JSON');
    expect(result.errors).toEqual([]);
    expect(result.fileName).toBe(`audit-report-${modelPackage.group}-v${modelPackage.version}.json`);
    const document = JSON.parse(result.content!) as { report: { subject: { modelArtifactId: string; modelPackageId: string } } };
    expect(document.report.subject).toEqual({ modelArtifactId: model.id, modelPackageId: modelPackage.id });
  });

  it('returns unknown ids, non-model artifacts and empty ids as errors in the result', async () => {
    for (const modelId of ['ar_doesnotexist', 'mp_doesnotexist', 'ex_whatever', 'nonsense']) {
      const result = await auditReport(modelId, 'HTML');
      expect(result).toMatchObject({ content: null, sha256: null, fileName: null, mediaType: null });
      expect(result.errors).toEqual([{ path: 'modelId', code: 'NOT_FOUND', message: expect.stringContaining(modelId) as string }]);
    }
    const dataset = await auditReport(input.id, 'JSON');
    expect(dataset.content).toBeNull();
    expect(dataset.errors).toEqual([
      { path: 'modelId', code: 'INVALID_ARGUMENT', message: expect.stringContaining('not a Model') as string },
    ]);
    const empty = await auditReport('', 'JSON');
    expect(empty.errors).toEqual([{ path: 'modelId', code: 'VALIDATION_FAILED', message: 'must not be empty' }]);
  });

  it('refuses callers without a token', async () => {
    const { status, body } = await h.gql(AUDIT_REPORT, { modelId: model.id, format: 'JSON' }, { token: null });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHORIZED');
  });
});
