import { readFileSync } from 'node:fs';
import {
  ID_PREFIX,
  InvalidArgumentError,
  isNotFoundError,
  PedigreeError,
  type Artifact,
  type ArtifactId,
  type ModelPackage,
  type ModelPackageId,
} from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { buildAuditReport, renderHtml, renderJson, renderMarkdown, reportDigest } from '@pedigree/report';

export type AuditReportFormat = 'JSON' | 'MARKDOWN' | 'HTML';

/** A rendered audit report, ready to be saved as a file. */
export interface RenderedAuditReport {
  readonly content: string;
  /** `sha256:...` over the canonical JSON of the report (the hash the JSON document carries). */
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string;
}

const FORMATS: Readonly<Record<AuditReportFormat, { extension: string; mediaType: string }>> = {
  JSON: { extension: 'json', mediaType: 'application/json' },
  MARKDOWN: { extension: 'md', mediaType: 'text/markdown; charset=utf-8' },
  HTML: { extension: 'html', mediaType: 'text/html; charset=utf-8' },
};

/** The version recorded in reports the API makes: the server's version, as `serverInfo.version` reports it. */
export const REPORT_TOOL_VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The audit report of a model artifact or model package, rendered in one format. Throws
 * NOT_FOUND (no such artifact or package) and INVALID_ARGUMENT (an artifact that is not a Model),
 * both naming the `modelId` argument.
 */
export async function renderAuditReport(
  store: GraphStore,
  modelId: string,
  format: AuditReportFormat,
  toolVersion: string = REPORT_TOOL_VERSION,
): Promise<RenderedAuditReport> {
  const subject = await resolveSubject(store, modelId);
  const report = await buildAuditReport(store, {
    ...(subject.modelPackage ? { modelPackageId: subject.modelPackage.id } : { modelArtifactId: subject.artifact.id }),
    toolVersion,
  });
  const content = format === 'JSON' ? renderJson(report) : format === 'MARKDOWN' ? renderMarkdown(report) : renderHtml(report);
  const { extension, mediaType } = FORMATS[format];
  const base = subject.modelPackage
    ? `${subject.modelPackage.group}-v${subject.modelPackage.version}`
    : `${subject.artifact.name}-${subject.artifact.id.slice(ID_PREFIX.artifact.length, ID_PREFIX.artifact.length + 12)}`;
  return { content, sha256: reportDigest(report), fileName: `audit-report-${safeFileName(base)}.${extension}`, mediaType };
}

async function resolveSubject(store: GraphStore, modelId: string): Promise<{ artifact: Artifact; modelPackage: ModelPackage | null }> {
  const notFound = (): PedigreeError =>
    new PedigreeError('NOT_FOUND', `no model artifact or model package with id ${modelId}`, { argument: 'modelId', id: modelId });
  if (modelId.startsWith(ID_PREFIX.modelPackage)) {
    let modelPackage: ModelPackage;
    try {
      modelPackage = await store.getModelPackage(modelId as ModelPackageId);
    } catch (error) {
      if (isNotFoundError(error)) throw notFound();
      throw error;
    }
    return { artifact: await store.getArtifact(modelPackage.modelArtifactId), modelPackage };
  }
  if (!modelId.startsWith(ID_PREFIX.artifact)) throw notFound();
  const [artifact] = await store.getArtifacts([modelId as ArtifactId]);
  if (!artifact) throw notFound();
  if (artifact.type !== 'Model') {
    throw new InvalidArgumentError('modelId', `${modelId} is a ${artifact.type} artifact, not a Model`, { id: modelId });
  }
  return { artifact, modelPackage: null };
}

/** Letters, digits, dot, dash and underscore only: safe as a download name on every system. */
function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 80);
  return cleaned || 'model';
}
