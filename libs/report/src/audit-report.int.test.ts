import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { canonicalDigest, digestPath, isPedigreeError, type ArtifactId } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { ARTIFACT_URI_PREFIX, createLocalArtifactStore } from '@pedigree/artifact-store';
import { seedLineage, type SeededLineage } from '../test/seed-lineage.ts';
import { buildAuditReport } from './build-audit-report.ts';
import { prettyCanonicalJson, renderJson, reportDigest } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderHtml } from './render-html.ts';
import type { ReportArtifact } from './report-types.ts';
import { combineResolvers, createArtifactStoreResolver, createFileResolver, verifyReport } from './verify-report.ts';

let dir: string;
let dbPath: string;
let store: GraphStore;
let seeded: SeededLineage;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pedigree-report-'));
  dbPath = path.join(dir, 'graph.db');
  store = createSqliteGraphStore({ path: dbPath });
  seeded = await seedLineage(store, dir);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const build = (s: GraphStore = store) => buildAuditReport(s, { modelArtifactId: seeded.modelArtifactId, toolVersion: '0.1.0-test' });

describe('buildAuditReport', () => {
  it('records the model identity, the registry with its full approval history and the tool version', async () => {
    const report = await build();
    expect(report.model).toMatchObject({ id: seeded.modelArtifactId, name: 'model', type: 'Model' });
    expect(report.model.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.model.size).toBe((await readFile(seeded.modelPath)).length);
    expect(report.toolVersion).toBe('0.1.0-test');
    expect(report.registry).toHaveLength(1);
    expect(report.registry[0]).toMatchObject({ group: 'iris-classifiers', version: 1, approvalStatus: 'Approved' });
    expect(report.registry[0]!.approvals.map((a) => [a.status, a.by, a.comment])).toEqual([
      ['PendingManualApproval', 'pipeline:first-run', null],
      ['Approved', 'bob', 'Accuracy above 0.95 | reviewed <ok>'],
    ]);
  });

  it('lists every upstream dataset with uri, digest and size, the code, and not what lies downstream', async () => {
    const report = await build();
    expect(report.datasets.map((d) => d.name).sort()).toEqual(['iris.csv', 'labels.json', 'train']);
    for (const d of report.datasets) {
      expect(d.uri).toMatch(/^file:\/\//);
      expect(d.digest).toMatch(/^sha256:/);
      expect(d.size).toBeGreaterThan(0);
    }
    expect(report.datasets[0]!.name).toBe('train'); // nearest first
    // The code section is the Code artifacts the steps consumed, with what each file was to them.
    expect(report.code.map((c) => [c.name, c.role, c.export, c.steps])).toEqual([
      ['code/helpers.ts', 'import', null, ['train']],
      ['code/prepare.py', 'command', null, ['preprocess']],
      ['code/train.ts', 'handler', 'train', ['train']],
    ]);
    for (const c of report.code) {
      expect(c.uri).toBe(pathToFileURL(path.join(dir, c.name)).href);
      expect(c.digest).toBe((await digestPath(path.join(dir, c.name))).digest);
      // Every code file is also an artifact of the report, so verifyReport re-hashes it.
      expect(report.artifacts.map((a) => a.id)).toContain(c.id);
    }
    expect(report.formatVersion).toBe(2);
    expect(report).not.toHaveProperty('codeFiles');
    // evaluate consumes the model: downstream, so not part of its provenance.
    expect(report.steps.map((s) => s.stepName)).not.toContain('evaluate');
  });

  it('describes every step execution with arguments, timings, attempts and where cache hits came from', async () => {
    const report = await build();
    expect(report.steps).toHaveLength(4);
    const [first, second] = report.executions;
    expect(report.executions).toHaveLength(2);
    expect(first!.parameters).toEqual({ Epochs: 200, Seed: 7 });
    const ran = report.steps.filter((s) => !s.cacheHit);
    const cached = report.steps.filter((s) => s.cacheHit);
    expect(ran.map((s) => s.executionId)).toEqual([first!.id, first!.id]);
    expect(cached.map((s) => s.executionId)).toEqual([second!.id, second!.id]);
    for (const s of cached) {
      expect(s.reusedFromExecutionId).toBe(first!.id);
      expect(ran.map((r) => r.id)).toContain(s.reusedStepExecutionId);
    }
    const train = ran.find((s) => s.stepName === 'train')!;
    expect(train.resolvedArguments).toMatchObject({ arguments: { epochs: 200, learningRate: 0.1 } });
    expect(train.durationMs).toBe(5000);
    expect(train.attempts).toHaveLength(1);
    expect(train.inputs.map((i) => i.name)).toEqual(['code:code/helpers.ts', 'code:code/train.ts', 'train']);
    expect(train.outputs).toEqual([{ name: 'model', artifactId: seeded.modelArtifactId }]);
    // Every channel names an artifact described in the report.
    const ids = new Set(report.artifacts.map((a) => a.id));
    for (const s of report.steps) for (const c of [...s.inputs, ...s.outputs]) expect(ids.has(c.artifactId)).toBe(true);
  });

  it('names the pipeline version and definition hash, and draws the lineage including the package', async () => {
    const report = await build();
    expect(report.pipelineVersions).toEqual([expect.objectContaining({ pipelineName: 'iris-report-test', version: 1 })]);
    expect(report.pipelineVersions[0]!.definitionHash).toMatch(/^sha256:/);
    const types = new Set(report.lineage.edges.map((e) => e.type));
    expect([...types].sort()).toEqual(['CONSUMED_BY', 'PACKAGED_AS', 'PRODUCED', 'REUSED']);
    expect(report.lineage.nodes.find((n) => n.type === 'ModelPackage')?.status).toBe('Approved');
    expect(report.truncated).toBe(false);
  });

  it('reports on a model package as subject', async () => {
    const report = await buildAuditReport(store, { modelPackageId: seeded.modelPackage.id, toolVersion: 'x' });
    expect(report.subject).toEqual({ modelArtifactId: seeded.modelArtifactId, modelPackageId: seeded.modelPackage.id });
  });

  it('refuses unknown ids with NOT_FOUND and a missing subject with INVALID_ARGUMENT', async () => {
    await expect(buildAuditReport(store, { modelArtifactId: 'ar_nope', toolVersion: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(buildAuditReport(store, { modelPackageId: 'mp_nope', toolVersion: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const err = await buildAuditReport(store, { toolVersion: 'x' }).catch((e: unknown) => e);
    expect(isPedigreeError(err) && err.code).toBe('INVALID_ARGUMENT');
  });
});

describe('renderers are deterministic', () => {
  it('gives byte-identical JSON, Markdown and HTML for the same store state, also after reopening the store', async () => {
    const a = await build();
    const b = await build();
    expect(renderJson(b)).toBe(renderJson(a));
    expect(renderMarkdown(b)).toBe(renderMarkdown(a));
    expect(renderHtml(b)).toBe(renderHtml(a));
    await store.close();
    store = createSqliteGraphStore({ path: dbPath });
    const c = await build();
    expect(renderJson(c)).toBe(renderJson(a));
    expect(renderMarkdown(c)).toBe(renderMarkdown(a));
  });

  it('changes the JSON when the store changes (a new approval)', async () => {
    const before = renderJson(await build());
    await store.setModelPackageApproval({
      id: seeded.modelPackage.id,
      status: 'Rejected',
      by: 'carol',
      comment: 'drift',
      at: '2026-02-01T00:00:00.000Z',
    });
    const after = renderJson(await build());
    expect(after).not.toBe(before);
    expect(JSON.parse(after).sha256).not.toBe(JSON.parse(before).sha256);
  });

  it('writes sorted keys and a sha256 over the canonical report without any generation time', async () => {
    const json = renderJson(await build());
    const doc = JSON.parse(json) as { report: Record<string, unknown>; sha256: string };
    expect(Object.keys(doc)).toEqual(['report', 'sha256']);
    expect(Object.keys(doc.report)).toEqual([...Object.keys(doc.report)].sort());
    expect(json).not.toMatch(/generatedAt/);
    expect(prettyCanonicalJson(JSON.parse(json))).toBe(json.trimEnd());
    expect(doc.sha256).toBe(canonicalDigest(doc.report));
    expect(json.split('\n').length).toBeGreaterThan(100); // indented for people, canonical once re-encoded
  });

  it('renders Markdown with a Mermaid diagram and every dataset digest', async () => {
    const report = await build();
    const md = renderMarkdown(report);
    expect(md).toContain('```mermaid\nflowchart LR');
    for (const d of report.datasets) expect(md).toContain(d.digest);
    expect(md).toContain('Accuracy above 0.95 \\| reviewed \\<ok\\>');
    // The code table: one row per Code artifact, the handler module with its export.
    const train = report.code.find((c) => c.name === 'code/train.ts')!;
    expect(md).toContain(`| \`code/train.ts#train\` | handler | \`${train.digest}\` | train | \`${train.uri}\` |`);
    expect(md).toMatch(/\| `code\/helpers\.ts` \| import \| `sha256:[0-9a-f]{64}` \| train \|/);
    expect(renderHtml(report)).toContain('code/prepare.py');
  });

  it('renders self-contained HTML: inline SVG, print CSS, no external resources, escaped text', async () => {
    const report = await build();
    const html = renderHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg class="lineage"');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|\bsrc=/i);
    expect(html).toContain('Accuracy above 0.95 | reviewed &lt;ok&gt;');
    expect(html.match(/<g class="node /g)).toHaveLength(report.lineage.nodes.length);
    // A cached step is drawn beside the step it reused (same layer), not in a layer of its own.
    const x = (id: string) => new RegExp(`data-id="${id}"><title>[^<]*</title><rect x="(\\d+)"`).exec(html)?.[1];
    const reused = report.lineage.edges.filter((e) => e.type === 'REUSED');
    expect(reused).toHaveLength(2);
    for (const e of reused) expect(x(e.from)).toBe(x(e.to));
    expect(x(seeded.modelArtifactId)).toBeDefined();
  });
});

describe('verifyReport', () => {
  const resolver = () => createFileResolver({ baseDir: dir });

  it('passes an untouched report: hash valid, every artifact unchanged', async () => {
    const result = await verifyReport(renderJson(await build()), { resolveArtifact: resolver() });
    expect(result.hash.valid).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.counts).toEqual({ unchanged: result.artifacts.length, changed: 0, missing: 0, unchecked: 0 });
  });

  it('catches one altered byte in a dataset file', async () => {
    const json = renderJson(await build());
    const bytes = await readFile(seeded.datasetPath);
    bytes[0] = bytes[0]! ^ 0x01;
    await writeFile(seeded.datasetPath, bytes);
    const result = await verifyReport(json, { resolveArtifact: resolver() });
    expect(result.hash.valid).toBe(true);
    expect(result.ok).toBe(false);
    const changed = result.artifacts.filter((a) => a.status === 'changed');
    expect(changed.map((a) => a.id)).toEqual([seeded.datasetArtifactId]);
    expect(changed[0]!.actualDigest).not.toBe(changed[0]!.expectedDigest);
  });

  it('catches a changed source file of a step through its Code artifact, without any base directory', async () => {
    const json = renderJson(await build());
    const original = await readFile(seeded.codePath, 'utf8');
    await writeFile(seeded.codePath, original.replace('return rate', 'return rate * 2'));
    try {
      for (const resolve of [resolver(), createFileResolver()]) {
        const result = await verifyReport(json, { resolveArtifact: resolve });
        expect(result.ok).toBe(false);
        const changed = result.artifacts.filter((a) => a.status === 'changed');
        expect(changed.map((a) => [a.type, a.name])).toEqual([['Code', 'code/train.ts']]);
        expect(changed[0]!.uri).toBe(pathToFileURL(seeded.codePath).href);
      }
    } finally {
      await writeFile(seeded.codePath, original);
    }
  });

  it('still verifies a format-1 report, re-hashing its codeFiles by project-relative path', async () => {
    const doc = JSON.parse(renderJson(await build())) as { report: Record<string, unknown> };
    const legacy = {
      ...doc.report,
      formatVersion: 1,
      codeFiles: [
        { path: 'code/train.ts', digest: (await digestPath(seeded.codePath)).digest, kind: 'handler', export: 'train', steps: ['train'] },
      ],
    };
    const json = JSON.stringify({ report: legacy, sha256: reportDigest(legacy as never) });
    const ok = await verifyReport(json, { resolveArtifact: resolver() });
    expect(ok.hash.valid).toBe(true);
    expect(ok.artifacts.find((a) => a.id === 'code:code/train.ts')?.status).toBe('unchanged');
    const noBase = await verifyReport(json, { resolveArtifact: createFileResolver() });
    expect(noBase.artifacts.find((a) => a.id === 'code:code/train.ts')?.status).toBe('unchecked');
  });

  it('catches one altered field of the report, and one altered byte of its text', async () => {
    const json = renderJson(await build());
    const doc = JSON.parse(json);
    doc.report.registry[0].approvals[1].by = 'mallory';
    const edited = await verifyReport(JSON.stringify(doc), { resolveArtifact: resolver() });
    expect(edited.hash.valid).toBe(false);
    expect(edited.ok).toBe(false);
    const oneByte = await verifyReport(json.replace('"epochs": 200', '"epochs": 201'), { resolveArtifact: resolver() });
    expect(oneByte.hash.valid).toBe(false);
    // Re-indentation is not tampering: the hash is over canonical content.
    expect((await verifyReport(JSON.stringify(JSON.parse(json)))).hash.valid).toBe(true);
  });

  it('reports deleted files as missing and unreachable ones as unchecked; requireAll fails on them', async () => {
    const json = renderJson(await build());
    await rm(seeded.datasetPath);
    const result = await verifyReport(json, { resolveArtifact: resolver() });
    expect(result.artifacts.find((a) => a.id === seeded.datasetArtifactId)?.status).toBe('missing');
    expect(result.ok).toBe(true);
    expect((await verifyReport(json, { resolveArtifact: resolver(), requireAll: true })).ok).toBe(false);
    const none = await verifyReport(json);
    expect(none.counts.unchecked).toBe(none.artifacts.length);
  });

  it('rejects text that is not a report with VALIDATION_FAILED naming the path', async () => {
    await expect(verifyReport('not json')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(verifyReport('{"sha256":"x","report":{"format":"other","artifacts":[]}}')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'report.format' }],
    });
  });
});

describe('createArtifactStoreResolver', () => {
  it('re-hashes content in the artifact store: unchanged, changed after corruption, missing after removal', async () => {
    const artifacts = createLocalArtifactStore({ root: path.join(dir, 'artifacts') });
    const stored = await artifacts.put(seeded.modelPath);
    const entry: ReportArtifact = {
      id: 'ar_x' as ArtifactId,
      name: 'model',
      type: 'Model',
      uri: stored.uri,
      digest: stored.digest,
      size: stored.size,
      createdAt: '2026-01-01T00:00:00.000Z',
      previousVersionId: null,
      properties: {},
    };
    const resolve = combineResolvers(createFileResolver(), createArtifactStoreResolver(artifacts, { uriPrefix: ARTIFACT_URI_PREFIX }));
    expect(await resolve(entry)).toMatchObject({ status: 'found', digest: stored.digest });

    const hex = stored.digest.slice('sha256:'.length);
    const blob = path.join(dir, 'artifacts', 'blobs', hex.slice(0, 2), hex);
    await chmod(blob, 0o644);
    await writeFile(blob, 'tampered');
    expect(await resolve(entry)).toMatchObject({ status: 'changed' });

    await artifacts.remove(stored.digest);
    expect(await resolve(entry)).toMatchObject({ status: 'missing' });
    // A URI no resolver knows stays unchecked.
    expect(await resolve({ ...entry, uri: 's3://bucket/model', digest: `sha256:${'0'.repeat(64)}` })).toBeNull();
  });
});
