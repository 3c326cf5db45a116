import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { pipelines } from '../test/fixtures.ts';
import { currentLocation, GraphqlError, renderView } from '../test/render.tsx';
import { PipelinesView } from './PipelinesView.tsx';

const at = (route = '/pipelines') => ({ path: '/pipelines', route });

describe('PipelinesView', () => {
  it('shows a loading state until the list arrives', () => {
    renderView(<PipelinesView />, { ...at(), responses: { Pipelines: 'pending' } });
    expect(screen.getByRole('status')).toHaveTextContent('Loading pipelines');
  });

  it('shows an error with a retry button when the query fails', async () => {
    renderView(<PipelinesView />, { ...at(), responses: { Pipelines: new GraphqlError('store unavailable') } });
    expect(await screen.findByRole('alert')).toHaveTextContent('store unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('shows an empty state that names the search when nothing matches', async () => {
    renderView(<PipelinesView />, {
      ...at('/pipelines?q=zzz'),
      responses: { Pipelines: { pipelines: { edges: [], pageInfo: { hasNextPage: false } } } },
    });
    expect(await screen.findByText('No pipeline matches “zzz”')).toBeInTheDocument();
  });

  it('lists pipelines with latest version and the last status as text, not colour alone', async () => {
    renderView(<PipelinesView />, { ...at(), responses: { Pipelines: pipelines } });
    expect(await screen.findByRole('link', { name: 'iris' })).toHaveAttribute('href', '/pipelines/iris');
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('v3')).toBeInTheDocument();
    expect(screen.getByText('Never run')).toBeInTheDocument();
  });

  it('keeps the search in the URL and sends it to the server', async () => {
    const view = renderView(<PipelinesView />, { ...at(), responses: { Pipelines: pipelines } });
    await screen.findByRole('link', { name: 'iris' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search pipelines' }), 'ir');
    expect(currentLocation()).toBe('/pipelines?q=ir');
    expect(view.calls.at(-1)).toEqual({ operationName: 'Pipelines', variables: { search: 'ir' } });
  });

  it('moves between rows with the arrow keys', async () => {
    renderView(<PipelinesView />, { ...at(), responses: { Pipelines: pipelines } });
    const iris = await screen.findByRole('link', { name: 'iris' });
    iris.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'churn' })).toHaveFocus();
  });
});
