import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DATASET_DIGEST, IDS } from '../test/fixtures.ts';
import { currentLocation, renderView } from '../test/render.tsx';
import { ArtifactsView } from './ArtifactsView.tsx';

const row = {
  id: IDS.dataset,
  name: 'iris.csv',
  type: 'DataSet',
  digest: DATASET_DIGEST,
  uri: 'file:///data/iris.csv',
  size: 3600,
  createdAt: '2026-12-03T16:47:15.000Z',
  producer: null,
};
const page = (rows: unknown[]) => ({ edges: rows.map((node) => ({ node })), pageInfo: { hasNextPage: false } });

describe('ArtifactsView', () => {
  it('lists artifacts with type, digest, size and producer', async () => {
    renderView(<ArtifactsView />, { path: '/artifacts', route: '/artifacts', responses: { Artifacts: { artifacts: page([row]) } } });
    expect(await screen.findByRole('link', { name: /iris\.csv/ })).toHaveAttribute('href', `/artifacts/${IDS.dataset}`);
    expect(screen.getByText('sha256:91eb642c3adb')).toBeInTheDocument();
    expect(screen.getByText('3.5 KB')).toBeInTheDocument();
    expect(screen.getByText('imported')).toBeInTheDocument();
  });

  it('filters by type through the URL', async () => {
    const view = renderView(<ArtifactsView />, {
      path: '/artifacts',
      route: '/artifacts',
      responses: { Artifacts: { artifacts: page([row]) } },
    });
    await screen.findByRole('link', { name: /iris\.csv/ });
    await userEvent.click(screen.getByRole('button', { name: /Model/ }));
    expect(currentLocation()).toBe('/artifacts?type=Model');
    await waitFor(() => expect(view.calls.at(-1)?.variables).toMatchObject({ filter: { types: ['Model'] } }));
  });

  it('switches to full-text search when there is text, keeping the type filter', async () => {
    const view = renderView(<ArtifactsView />, {
      path: '/artifacts',
      route: '/artifacts?type=DataSet&q=iris',
      responses: { ArtifactSearch: { search: page([row]) } },
    });
    expect(await screen.findByRole('link', { name: /iris\.csv/ })).toBeInTheDocument();
    expect(view.calls).toEqual([{ operationName: 'ArtifactSearch', variables: { text: 'iris', types: ['DataSet'], first: 50 } }]);
  });

  it('says when nothing matches', async () => {
    renderView(<ArtifactsView />, {
      path: '/artifacts',
      route: '/artifacts?q=nothing',
      responses: { ArtifactSearch: { search: page([]) } },
    });
    expect(await screen.findByText('No artifacts match')).toBeInTheDocument();
  });
});
