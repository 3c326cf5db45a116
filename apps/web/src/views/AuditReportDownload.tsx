import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql/gql.ts';
import type { AuditReportFormat } from '../gql/graphql.ts';

export const AuditReportQuery = graphql(`
  query AuditReport($modelId: ID!, $format: AuditReportFormat!) {
    auditReport(modelId: $modelId, format: $format) {
      content
      sha256
      fileName
      mediaType
      errors {
        code
        message
        path
      }
    }
  }
`);

const FORMATS: readonly { format: AuditReportFormat; label: string; title: string }[] = [
  { format: 'HTML', label: 'HTML', title: 'A self-contained page that opens offline and prints well' },
  { format: 'MARKDOWN', label: 'Markdown', title: 'Markdown with a Mermaid lineage diagram' },
  { format: 'JSON', label: 'JSON', title: 'The verifiable document: check it with `pedigree verify`' },
];

/** Saves `content` as a file through a Blob and a temporary object URL. */
export function saveFile(content: string, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the browser has started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

interface AuditReportDownloadProps {
  /** A model artifact id or a model package id. */
  readonly modelId: string;
}

/** "Download audit report" in HTML, Markdown or JSON: fetches `auditReport` and saves it as a file. */
export function AuditReportDownload({ modelId }: AuditReportDownloadProps) {
  const client = useClient();
  const [busy, setBusy] = useState<AuditReportFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  async function download(format: AuditReportFormat) {
    setBusy(format);
    setMessage(null);
    try {
      const result = await client.query(AuditReportQuery, { modelId, format }, { requestPolicy: 'network-only' }).toPromise();
      const report = result.data?.auditReport;
      const errors = report?.errors ?? [];
      if (result.error || !report || errors.length > 0 || report.content == null || !report.fileName || !report.mediaType) {
        setMessage({
          kind: 'error',
          text: `Could not make the report: ${result.error?.message ?? (errors.map((e) => e.message).join(' ') || 'no report returned')}`,
        });
        return;
      }
      saveFile(report.content, report.fileName, report.mediaType);
      setMessage({ kind: 'ok', text: `Saved ${report.fileName} (report ${report.sha256 ?? ''}).` });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="audit-report-download" role="group" aria-labelledby={`audit-report-${modelId}`}>
      <span id={`audit-report-${modelId}`} className="muted small">
        Download audit report
      </span>{' '}
      {FORMATS.map(({ format, label, title }) => (
        <button
          key={format}
          type="button"
          className="button small"
          title={title}
          aria-label={`Download audit report as ${label}`}
          disabled={busy !== null}
          onClick={() => void download(format)}
        >
          {busy === format ? `${label}…` : label}
        </button>
      ))}
      {message ? (
        <p className={message.kind === 'error' ? 'form-error' : 'form-ok small'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
