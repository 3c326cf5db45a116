import { NavLink, Outlet } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../auth/auth-context.ts';
import { graphql } from '../gql/gql.ts';

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      name
      role
      anonymous
    }
    serverInfo {
      version
      store {
        adapter
        ok
      }
    }
  }
`);

/**
 * The frame around every view: the brand, the main sections and who the server thinks you are;
 * signed in with an API token, a way to sign out (the browser forgets the token).
 */
export function Layout() {
  const [{ data }] = useQuery({ query: ViewerQuery });
  const auth = useAuth();
  const kept = auth.remembered ? 'remembered on this device' : 'kept for this browser session';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/pipelines" className="brand" aria-label="Pedigree home">
          <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" opacity="0.18" />
            <circle cx="10" cy="10" r="3.5" fill="currentColor" />
            <circle cx="22" cy="10" r="3.5" fill="currentColor" />
            <circle cx="16" cy="23" r="3.5" fill="currentColor" />
            <path d="M10 13.5 16 19.5M22 13.5 16 19.5" stroke="currentColor" strokeWidth="2" />
          </svg>
          Pedigree
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/pipelines">Pipelines</NavLink>
          <NavLink to="/artifacts">Artifacts</NavLink>
          <NavLink to="/models">Models</NavLink>
        </nav>
        <div className="topbar-meta">
          {data ? (
            <>
              <span className={`dot ${data.serverInfo.store.ok ? 'ok' : 'bad'}`} aria-hidden="true" />
              <span>
                {data.serverInfo.store.adapter} · v{data.serverInfo.version}
              </span>
              <span
                className="viewer"
                title={
                  auth.token
                    ? `Signed in with the API token ${data.viewer.name} (${kept}); your role on this server`
                    : 'Your role on this server'
                }
              >
                {data.viewer.name} ({data.viewer.role})
              </span>
            </>
          ) : null}
          {auth.token ? (
            <button type="button" className="topbar-button" onClick={auth.signOut} title="Forget the API token in this browser">
              Sign out
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" className="main">
        <Outlet />
      </main>
    </div>
  );
}
