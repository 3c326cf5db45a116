import { useState } from 'react';
import { useAuth } from '../auth/auth-context.ts';
import { fileNameFromDisposition, saveBlob } from '../download.ts';

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

type Extension = (typeof FORMATS)[number]['extension'];

/** Why a download failed, from the route's `{ error }` body or the status. */
async function failureOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && body.error !== '') return body.error;
  } catch {
    // Not JSON.
  }
  return `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/**
 * "Download audit report" in HTML, Markdown or JSON. Without an API token: plain links to the
 * server's report route, so the browser streams the file to disk under the name the server gives it
 * (content-disposition), and the link can be copied or opened with curl. With a token (links cannot
 * carry headers): buttons that fetch the report with the token and save it under the server's name.
 */
export function AuditReportDownload({ modelId }: AuditReportDownloadProps) {
  const auth = useAuth();
  const [busy, setBusy] = useState<Extension | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(extension: Extension) {
    setBusy(extension);
    setError(null);
    try {
      const response = await auth.fetch(reportUrl(modelId, extension));
      if (!response.ok) {
        setError(`The report could not be downloaded: ${await failureOf(response)}`);
        return;
      }
      const blob = await response.blob();
      const fallback = `audit-report-${modelId}.${extension}`;
      saveBlob(blob, fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallback);
    } catch (e) {
      setError(`The report could not be downloaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="audit-report-download" role="group" aria-labelledby={`audit-report-${modelId}`}>
      <span id={`audit-report-${modelId}`} className="muted small">
        Download audit report
      </span>{' '}
      {FORMATS.map(({ extension, label, title }) =>
        auth.token ? (
          <button
            key={extension}
            type="button"
            className="button small"
            title={title}
            aria-label={`Download audit report as ${label}`}
            disabled={busy !== null}
            onClick={() => void download(extension)}
          >
            {busy === extension ? `${label}…` : label}
          </button>
        ) : (
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
        ),
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
