/**
 * OpenLineage identities as the client reads them from lineage nodes. The server writes a dataset's
 * URI as `openlineage://<percent-encoded namespace>/<name>` (namespaces such as
 * `postgres://host:5432` hold slashes) and a run's node id as `olr_<runId>`.
 */
const SCHEME = 'openlineage://';

/** (namespace, name) of an OpenLineage dataset URI; null for any other URI. */
export function parseOpenLineageUri(uri: string | null | undefined): { namespace: string; name: string } | null {
  if (!uri?.startsWith(SCHEME)) return null;
  const rest = uri.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  try {
    return { namespace: decodeURIComponent(rest.slice(0, slash)), name: rest.slice(slash + 1) };
  } catch {
    return null;
  }
}

/** The runId of a run's lineage node id (`olr_<runId>`). */
export function runIdOfNode(nodeId: string): string {
  return nodeId.startsWith('olr_') ? nodeId.slice(4) : nodeId;
}

/** The OpenLineage state word for a run node's status (the node carries the state mapped onto our statuses). */
export function openLineageStateWord(status: string | null | undefined): string | null {
  switch (status) {
    case 'Succeeded':
      return 'COMPLETE';
    case 'Failed':
      return 'FAIL';
    case 'Stopped':
      return 'ABORT';
    case 'Executing':
      return 'RUNNING';
    default:
      return null;
  }
}
