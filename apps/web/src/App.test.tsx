import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Client, Provider, fetchExchange } from 'urql';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';

function renderAt(route: string) {
  const client = new Client({
    url: 'http://pedigree.test/graphql',
    exchanges: [fetchExchange],
    fetch: () => new Promise<Response>(() => undefined),
  });
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[route]}>
        <App />
      </MemoryRouter>
    </Provider>,
  );
}

describe('App routes', () => {
  it('sends / to the pipelines', () => {
    renderAt('/');
    expect(screen.getByRole('heading', { name: 'Pipelines' })).toBeInTheDocument();
  });

  it('answers unknown addresses with a way back', () => {
    renderAt('/no/such/view');
    expect(screen.getByText('Nothing lives at this address')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the pipelines' })).toHaveAttribute('href', '/pipelines');
  });

  it('has a main navigation to every section', () => {
    renderAt('/artifacts');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Pipelines');
    expect(nav).toHaveTextContent('Artifacts');
    expect(nav).toHaveTextContent('Models');
  });
});
