import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestPath, ValidationError, type ErrorIssue } from '@pedigree/domain';
import { reportDigest } from './render-json.ts';
import { AUDIT_REPORT_FORMAT, type ReportArtifact } from './report-types.ts';

/** A source file of a format-1 report, known by its project-relative path (format 2 lists code as artifacts). */
interface LegacyCodeFile {
  readonly path: string;
  readonly digest: string;
}

/** What a resolver found for one artifact of a report. */
export type ArtifactResolution =
  /** The bytes were found and hashed: `digest` is what they hash to now. */
  | { readonly status: 'found'; readonly digest: string; readonly detail?: string }
  /** The place the artifact lives is known and reachable, but the bytes are gone. */
  | { readonly status: 'missing'; readonly detail: string }
  /** The bytes were found but no longer hash to the recorded digest (the new digest may be unknown). */
  | { readonly status: 'changed'; readonly detail: string; readonly digest?: string | null };

/**
 * Re-hashes one artifact of a report. Returns null when the artifact's location is not one this
 * resolver handles (another resolver may); never throws for missing content.
 */
export type ArtifactResolver = (artifact: ReportArtifact) => Promise<ArtifactResolution | null>;

export type ArtifactVerdict = 'unchanged' | 'changed' | 'missing' | 'unchecked';

export interface ArtifactCheck {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly uri: string;
  readonly expectedDigest: string;
  /** The digest the bytes have now; null when missing or unchecked. */
  readonly actualDigest: string | null;
  readonly status: ArtifactVerdict;
  readonly detail: string | null;
}

export interface VerifyReportResult {
  /** True when the report hash matches and no artifact changed (and, with `requireAll`, none is missing or unchecked). */
  readonly ok: boolean;
  readonly hash: { readonly expected: string; readonly actual: string; readonly valid: boolean };
  readonly artifacts: readonly ArtifactCheck[];
  readonly counts: Readonly<Record<ArtifactVerdict, number>>;
}

export interface VerifyReportOptions {
  /** Consulted for each artifact; the first non-null answer counts. No resolver: every artifact is `unchecked`. */
  readonly resolveArtifact?: ArtifactResolver;
  /** Treat missing and unchecked artifacts as failures too. Default false. */
  readonly requireAll?: boolean;
}

interface ParsedDocument {
  readonly sha256: string;
  readonly report: Record<string, unknown> & {
    readonly artifacts: readonly ReportArtifact[];
    /** Format 1 only. */
    readonly codeFiles?: readonly LegacyCodeFile[];
  };
}

/**
 * Checks a JSON audit report: recomputes the sha256 over its canonical content and compares it
 * with the one it carries, then re-hashes every artifact it lists through `resolveArtifact` and
 * says per artifact unchanged / changed / missing / unchecked (no resolver could reach it).
 *
 * Throws VALIDATION_FAILED when the text is not JSON or not an audit report document.
 */
export async function verifyReport(json: string | unknown, options: VerifyReportOptions = {}): Promise<VerifyReportResult> {
  const doc = parseReportDocument(json);
  const actual = reportDigest(doc.report);
  const hash = { expected: doc.sha256, actual, valid: actual === doc.sha256 };

  const seen = new Set<string>();
  const checks: ArtifactCheck[] = [];
  for (const a of doc.report.artifacts) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    checks.push(await checkArtifact(a, options.resolveArtifact));
  }
  // Format-1 reports list source files by their recorded (usually project-relative) path: checked like
  // artifacts with that path as URI. Format 2 has them as Code artifacts in `artifacts` above.
  for (const c of doc.report.codeFiles ?? []) {
    const id = `code:${c.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const asArtifact: ReportArtifact = {
      id,
      name: c.path,
      type: 'Code',
      uri: c.path,
      digest: c.digest,
      size: 0,
      createdAt: '',
      previousVersionId: null,
      properties: {},
    };
    checks.push(await checkArtifact(asArtifact, options.resolveArtifact));
  }
  const counts: Record<ArtifactVerdict, number> = { unchanged: 0, changed: 0, missing: 0, unchecked: 0 };
  for (const c of checks) counts[c.status] += 1;
  const ok = hash.valid && counts.changed === 0 && (!options.requireAll || (counts.missing === 0 && counts.unchecked === 0));
  return { ok, hash, artifacts: checks, counts };
}

async function checkArtifact(a: ReportArtifact, resolve: ArtifactResolver | undefined): Promise<ArtifactCheck> {
  const base = { id: a.id, name: a.name, type: a.type, uri: a.uri, expectedDigest: a.digest };
  const found = resolve ? await resolve(a) : null;
  if (found === null) return { ...base, actualDigest: null, status: 'unchecked', detail: 'no artifact store or file reaches this URI' };
  if (found.status === 'missing') return { ...base, actualDigest: null, status: 'missing', detail: found.detail };
  if (found.status === 'changed') return { ...base, actualDigest: found.digest ?? null, status: 'changed', detail: found.detail };
  const same = found.digest === a.digest;
  return { ...base, actualDigest: found.digest, status: same ? 'unchanged' : 'changed', detail: found.detail ?? null };
}

/** Validates the shape of a report document (enough to verify it); throws VALIDATION_FAILED with paths. */
export function parseReportDocument(json: string | unknown): ParsedDocument {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ValidationError('audit report', [{ path: '', message: `not JSON (${(error as Error).message})` }]);
    }
  }
  const issues: ErrorIssue[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new ValidationError('audit report', [{ path: '', message: 'expected a JSON object' }]);
  if (typeof value.sha256 !== 'string') issues.push({ path: 'sha256', message: 'expected a sha256 string' });
  const report = value.report;
  if (!isObject(report)) {
    issues.push({ path: 'report', message: 'expected an object' });
  } else {
    if (report.format !== AUDIT_REPORT_FORMAT) issues.push({ path: 'report.format', message: `expected "${AUDIT_REPORT_FORMAT}"` });
    if (!Array.isArray(report.artifacts)) {
      issues.push({ path: 'report.artifacts', message: 'expected an array' });
    } else {
      report.artifacts.forEach((a: unknown, i: number) => {
        if (!isObject(a) || typeof a.id !== 'string' || typeof a.uri !== 'string' || typeof a.digest !== 'string') {
          issues.push({ path: `report.artifacts[${i}]`, message: 'expected an artifact with id, uri and digest' });
        }
      });
    }
    if (report.codeFiles !== undefined && !Array.isArray(report.codeFiles))
      issues.push({ path: 'report.codeFiles', message: 'expected an array' });
    else if (Array.isArray(report.codeFiles)) {
      report.codeFiles.forEach((c: unknown, i: number) => {
        if (!isObject(c) || typeof c.path !== 'string' || typeof c.digest !== 'string') {
          issues.push({ path: `report.codeFiles[${i}]`, message: 'expected a code file with path and digest' });
        }
      });
    }
  }
  if (issues.length > 0) throw new ValidationError('audit report', issues);
  return value as unknown as ParsedDocument;
}

export interface FileResolverOptions {
  /** Base directory for URIs that are plain relative paths; default: relative paths are not resolved. */
  readonly baseDir?: string;
}

/**
 * Resolves `file://` URIs, absolute paths and (with `baseDir`) relative paths such as the
 * project-relative paths of code files by hashing what is on
 * disk now (a directory as its Merkle digest). Other URI schemes: null.
 */
export function createFileResolver(options: FileResolverOptions = {}): ArtifactResolver {
  return async (artifact) => {
    const p = localPath(artifact.uri, options.baseDir);
    if (p === null) return null;
    try {
      const d = await digestPath(p);
      return { status: 'found', digest: d.digest, detail: p };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', detail: `${p} does not exist` };
      return { status: 'missing', detail: `${p} cannot be read: ${(error as Error).message}` };
    }
  };
}

function localPath(uri: string, baseDir: string | undefined): string | null {
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return null;
  if (path.isAbsolute(uri)) return uri;
  return baseDir === undefined ? null : path.resolve(baseDir, uri);
}

/** The first resolver that handles an artifact answers for it. */
export function combineResolvers(...resolvers: readonly ArtifactResolver[]): ArtifactResolver {
  return async (artifact) => {
    for (const r of resolvers) {
      const answer = await r(artifact);
      if (answer !== null) return answer;
    }
    return null;
  };
}

/** The part of an artifact store a resolver needs (structurally the `ArtifactStore` port of `@pedigree/artifact-store`). */
export interface VerifiableArtifactStore {
  exists(digest: string): Promise<boolean>;
  verify(digest: string): Promise<{ readonly ok: boolean; readonly problems: readonly string[] }>;
}

export interface ArtifactStoreResolverOptions {
  /** URIs with this prefix live in the store, e.g. `pedigree://artifacts/sha256/`. */
  readonly uriPrefix: string;
  /** Also check artifacts at other URIs whose digest the store holds. Default true. */
  readonly byDigest?: boolean;
}

/**
 * Resolves artifacts kept in a content-addressed artifact store: the store re-hashes the stored
 * bytes. URIs under `uriPrefix` that the store lacks are missing; other URIs are checked only
 * when the store holds their digest (and are otherwise left to other resolvers).
 */
export function createArtifactStoreResolver(store: VerifiableArtifactStore, options: ArtifactStoreResolverOptions): ArtifactResolver {
  const byDigest = options.byDigest ?? true;
  return async (artifact) => {
    const inStore = artifact.uri.startsWith(options.uriPrefix);
    if (!inStore && !byDigest) return null;
    if (!/^sha256:[0-9a-f]{64}$/.test(artifact.digest)) {
      return inStore ? { status: 'changed', detail: `recorded digest ${artifact.digest} is malformed` } : null;
    }
    if (!(await store.exists(artifact.digest))) {
      return inStore ? { status: 'missing', detail: `${artifact.digest} is not in the artifact store` } : null;
    }
    const result = await store.verify(artifact.digest);
    if (result.ok) return { status: 'found', digest: artifact.digest, detail: 'artifact store' };
    return { status: 'changed', detail: result.problems.join('; ') || 'stored bytes no longer match the digest' };
  };
}
