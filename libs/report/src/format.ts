/* Formatting shared by the Markdown and HTML renderers. All of it is deterministic: no locale, no clock. */

/** `1536` -> `1.5 KiB`; exact bytes stay available in the JSON. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** `1234` -> `1.2 s`, `125000` -> `2 min 5 s`; null -> `-`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  const seconds = Math.round(s - minutes * 60);
  if (minutes < 60) return `${minutes} min ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A timestamp as stored (UTC ISO-8601), shown without milliseconds: `2026-12-03 15:58:23 UTC`. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '-';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Digest shortened for display: `sha256:0123456789ab…`. Full digests are in the tables that list them. */
export function shortDigest(digest: string | null): string {
  if (digest === null) return '-';
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

/** Parameter values as `name=value`, sorted by name. */
export function formatParameters(parameters: Readonly<Record<string, string | number | boolean>>): string {
  const keys = Object.keys(parameters).sort();
  return keys.length === 0 ? '(none)' : keys.map((k) => `${k}=${String(parameters[k])}`).join(', ');
}

export const STEP_KIND_LABEL: Readonly<Record<string, string>> = {
  processing: 'data processing',
  training: 'model training',
  evaluation: 'model evaluation',
  condition: 'condition',
  fail: 'fail',
  'register-model': 'model registration',
  callback: 'callback (external approval)',
};

/** What the report is about, for titles: the package asked for (`iris-classifier v3`), else the model's name. */
export function reportTitle(report: {
  readonly subject: { readonly modelPackageId: string | null };
  readonly registry: readonly { readonly id: string; readonly group: string; readonly version: number }[];
  readonly model: { readonly name: string };
}): string {
  const pkg = report.registry.find((p) => p.id === report.subject.modelPackageId);
  return pkg ? `${pkg.group} v${pkg.version} (${report.model.name})` : report.model.name;
}
