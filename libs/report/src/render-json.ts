import { canonicalDigest, canonicalJson } from '@pedigree/domain';
import type { AuditReport, AuditReportDocument } from './report-types.ts';

/** The sha256 a report document carries: over the canonical JSON of the report alone. */
export function reportDigest(report: AuditReport | unknown): string {
  return canonicalDigest(report);
}

/** The report with its sha256, as the JSON document `renderJson` writes and `verifyReport` reads. */
export function toReportDocument(report: AuditReport): AuditReportDocument {
  return { report, sha256: reportDigest(report) };
}

/**
 * The report as a JSON document `{ "report": ..., "sha256": "sha256:..." }`: keys sorted at every
 * level, two-space indentation, one trailing newline. The same report always gives the same bytes,
 * and the hash covers the report only, so re-indenting the file does not break verification.
 */
export function renderJson(report: AuditReport): string {
  return `${prettyCanonicalJson(toReportDocument(report))}\n`;
}

/**
 * Canonical JSON (sorted keys, the number and string encoding of `canonicalJson`) with
 * indentation for people. Parsing it and taking `canonicalJson` gives back the canonical form.
 */
export function prettyCanonicalJson(value: unknown, indent = '  '): string {
  return write(value, '', indent);
}

function write(value: unknown, pad: string, indent: string): string {
  if (value === null || typeof value !== 'object') return canonicalJson(value);
  const inner = pad + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + (v === undefined ? 'null' : write(v, inner, indent))).join(',\n')}\n${pad}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(record[k], inner, indent)}`).join(',\n')}\n${pad}}`;
}
