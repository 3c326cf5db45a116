/** Where the server serves audit reports as files (apps/api `report-route.ts`): `<prefix><modelId>.<ext>`. */
export const REPORT_ROUTE_PREFIX = '/api/v1/reports/';

const FORMATS: readonly { extension: 'html' | 'md' | 'json'; label: string; title: string }[] = [
  { extension: 'html', label: 'HTML', title: 'A self-contained page that opens offline and prints well' },
  { extension: 'md', label: 'Markdown', title: 'Markdown with a Mermaid lineage diagram' },
  { extension: 'json', label: 'JSON', title: 'The verifiable document: check it with `pedigree verify`' },
];

/** The download URL of a model's audit report (model artifact or package id) in one format. */
export function reportUrl(modelId: string, extension: 'html' | 'md' | 'json'): string {
  return `${REPORT_ROUTE_PREFIX}${encodeURIComponent(modelId)}.${extension}`;
}

interface AuditReportDownloadProps {
  /** A model artifact id or a model package id. */
  readonly modelId: string;
}

/**
 * "Download audit report" in HTML, Markdown or JSON: plain links to the server's report route, so
 * the browser streams the file to disk under the name the server gives it (content-disposition),
 * and the link can be copied or opened with curl.
 */
export function AuditReportDownload({ modelId }: AuditReportDownloadProps) {
  return (
    <div className="audit-report-download" role="group" aria-labelledby={`audit-report-${modelId}`}>
      <span id={`audit-report-${modelId}`} className="muted small">
        Download audit report
      </span>{' '}
      {FORMATS.map(({ extension, label, title }) => (
        <a
          key={extension}
          className="button small"
          href={reportUrl(modelId, extension)}
          download
          title={title}
          aria-label={`Download audit report as ${label}`}
        >
          {label}
        </a>
      ))}
    </div>
  );
}
