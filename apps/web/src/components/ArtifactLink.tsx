import { Link } from 'react-router';
import { shortDigest } from '../format.ts';
import { nodeIcon } from '../step-types.ts';

interface ArtifactLinkProps {
  readonly artifact: { readonly id: string; readonly name: string; readonly type: string; readonly digest?: string | null };
  readonly channel?: string;
}

/** An artifact as a link to its page, with its type and the start of its digest. */
export function ArtifactLink({ artifact, channel }: ArtifactLinkProps) {
  const to = artifact.type === 'Model' ? `/models/${artifact.id}` : `/artifacts/${artifact.id}`;
  return (
    <span className="artifact-link">
      {channel ? <span className="channel">{channel}</span> : null}
      <Link to={to}>
        <span aria-hidden="true">{nodeIcon(artifact.type)} </span>
        {artifact.name}
      </Link>
      <span className="type-tag">{artifact.type}</span>
      {artifact.digest ? (
        <span className="mono muted small" title={artifact.digest}>
          {shortDigest(artifact.digest, 8)}
        </span>
      ) : null}
    </span>
  );
}
