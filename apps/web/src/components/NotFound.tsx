import { Link } from 'react-router';
import { EmptyState } from './EmptyState.tsx';

/** Any URL the client does not know. */
export function NotFound() {
  return (
    <EmptyState title="Nothing lives at this address">
      <Link to="/pipelines">Go to the pipelines</Link>
    </EmptyState>
  );
}
