import { screen, render, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App.tsx';
import { pipelines } from '../test/fixtures.ts';
import { fakeApi, type FakeApi } from '../test/fake-api.ts';
import { AuthGate } from './AuthGate.tsx';
import { TOKEN_STORAGE_KEY } from './token-storage.ts';

const VIEWER_TOKEN = 'viewer-token-0123456789';
const TOKENS = { [VIEWER_TOKEN]: { name: 'bob', role: 'viewer' }, 'spark-token-0123456789': { name: 'spark', role: 'ingest' } } as const;

function renderApp(api: FakeApi, route = '/pipelines') {
  return render(
    <AuthGate url="http://pedigree.test/graphql" fetch={api.fetch}>
      <MemoryRouter initialEntries={[route]}>
        <App />
      </MemoryRouter>
    </AuthGate>,
  );
}

async function signIn(token: string, options: { remember?: boolean } = {}) {
  const field = await screen.findByLabelText('API token');
  await userEvent.clear(field);
  await userEvent.type(field, token);
  if (options.remember) await userEvent.click(screen.getByRole('checkbox', { name: 'Remember on this device' }));
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe('AuthGate: API tokens in the web client', () => {
  it('keeps working on an anonymous loopback server: no prompt, no token sent', async () => {
    const api = fakeApi({ graphql: { Pipelines: pipelines } });
    renderApp(api);
    expect(await screen.findByRole('link', { name: 'iris' })).toBeInTheDocument();
    expect(await screen.findByText('anonymous (editor)')).toBeInTheDocument();
    expect(screen.queryByLabelText('API token')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(api.requests.length).toBeGreaterThan(0);
    expect(api.requests.every((r) => r.authorization === null)).toBe(true);
  });

  it('asks for a token on 401, refuses a wrong one with a message, and signs in with a valid one for this session', async () => {
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: pipelines } });
    renderApp(api);
    const panel = await screen.findByRole('main', { name: 'Sign in with an API token' });
    expect(panel).toHaveTextContent('PEDIGREE_TOKENS');
    expect(panel).toHaveTextContent('Ask your Pedigree admin');
    expect(panel).toHaveTextContent('session storage');
    expect(screen.queryByRole('link', { name: 'iris' })).toBeNull();

    await signIn('not-a-token-at-all');
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not accept this token (the API token is not valid)');
    expect(screen.getByLabelText('API token')).toHaveAttribute('aria-invalid', 'true');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();

    const before = api.requests.length;
    await signIn(`  Bearer ${VIEWER_TOKEN} `);
    expect(await screen.findByRole('link', { name: 'iris' })).toBeInTheDocument();
    expect(await screen.findByText('bob (viewer)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe(VIEWER_TOKEN);
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    const after = api.requests.slice(before);
    expect(after.map((r) => r.operationName)).toEqual(expect.arrayContaining(['SignInViewer', 'Viewer', 'Pipelines']));
    expect(after.every((r) => r.authorization === `Bearer ${VIEWER_TOKEN}`)).toBe(true);
  });

  it('sends the token on the live updates (SSE subscription) connection too', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, VIEWER_TOKEN);
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: pipelines } });
    renderApp(api);
    await screen.findByRole('link', { name: 'iris' });
    await waitFor(() => expect(api.requests.some((r) => r.operationName === 'ExecutionsChanged')).toBe(true));
    const stream = api.requests.find((r) => r.operationName === 'ExecutionsChanged')!;
    expect(stream.accept).toBe('text/event-stream');
    expect(stream.authorization).toBe(`Bearer ${VIEWER_TOKEN}`);
    expect(screen.queryByLabelText('API token')).toBeNull();
  });

  it('remembers the token on this device when asked', async () => {
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: pipelines } });
    renderApp(api);
    await signIn(VIEWER_TOKEN, { remember: true });
    await screen.findByText('bob (viewer)');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe(VIEWER_TOKEN);
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.getByText('bob (viewer)')).toHaveAttribute('title', expect.stringContaining('remembered on this device'));
  });

  it('refuses an ingest token: it may not read', async () => {
    const api = fakeApi({ tokens: TOKENS });
    renderApp(api);
    await signIn('spark-token-0123456789');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This token cannot open the UI');
    expect(alert).toHaveTextContent('spark has ingest');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('says when the server cannot be reached to check the token', async () => {
    const api = fakeApi({ tokens: TOKENS });
    const offline = async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('SignInViewer')) throw new TypeError('Failed to fetch');
      return api.fetch(input, init);
    };
    renderApp({ fetch: offline as typeof fetch, requests: api.requests });
    await signIn(VIEWER_TOKEN);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the server to check the token');
  });

  it('signs out: forgets the token and shows the sign-in panel', async () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, VIEWER_TOKEN);
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: pipelines } });
    renderApp(api);
    const header = await screen.findByRole('banner');
    expect(await within(header).findByText('bob (viewer)')).toBeInTheDocument();
    await userEvent.click(within(header).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('main', { name: 'Sign in with an API token' })).toHaveTextContent('Signed out');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.queryByText('bob (viewer)')).toBeNull();
  });

  it('forgets a kept token the server no longer accepts and asks for a current one', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'revoked-token-0123456789');
    const api = fakeApi({ tokens: TOKENS, graphql: { Pipelines: pipelines } });
    renderApp(api);
    const panel = await screen.findByRole('main', { name: 'Sign in with an API token' });
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'no longer accepts the API token this browser kept (the API token is not valid)',
    );
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    await signIn(VIEWER_TOKEN);
    expect(await screen.findByRole('link', { name: 'iris' })).toBeInTheDocument();
  });

  it('drops a kept token on a server that no longer uses tokens and carries on anonymously', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, VIEWER_TOKEN);
    const api = fakeApi({ graphql: { Pipelines: pipelines } });
    renderApp(api);
    expect(await screen.findByRole('link', { name: 'iris' })).toBeInTheDocument();
    expect(await screen.findByText('anonymous (editor)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });
});
