import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IDS, lineage } from '../test/fixtures.ts';
import { currentLocation, renderView } from '../test/render.tsx';
import { LineageView } from './LineageView.tsx';

const at = (query = '') => ({ path: '/lineage/:id', route: `/lineage/${IDS.model}${query}` });

describe('LineageView', () => {
  it('draws the nodes and sends direction, depth and filters from the URL', async () => {
    const view = renderView(<LineageView />, { ...at('?dir=UPSTREAM&depth=5&types=DataSet'), responses: { Lineage: lineage(false) } });
    const graph = await screen.findByRole('group', { name: 'Lineage graph' });
    expect(await within(graph).findByText('PrepareData/train', {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(view.calls[0]?.variables).toMatchObject({ ids: [IDS.model], direction: 'UPSTREAM', depth: 5, artifactTypes: ['DataSet'] });
    expect(screen.queryByText(/Truncated/)).not.toBeInTheDocument();
  });

  it('shows a truncated notice whose “Load more” raises the node limit', async () => {
    const view = renderView(<LineageView />, { ...at(), responses: { Lineage: lineage(true) } });
    expect(await screen.findByText('Truncated')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(currentLocation()).toContain('limit=600');
    await waitFor(() => expect(view.calls.at(-1)?.variables).toMatchObject({ limit: 600 }));
  });

  it('changes direction through the URL', async () => {
    renderView(<LineageView />, { ...at(), responses: { Lineage: lineage(false) } });
    await userEvent.click(await screen.findByRole('radio', { name: 'Downstream →' }));
    expect(currentLocation()).toContain('dir=DOWNSTREAM');
  });

  it('highlights the path between two chosen nodes', async () => {
    const view = renderView(<LineageView />, {
      ...at(`?from=${IDS.train}&to=${IDS.model}`),
      responses: {
        Lineage: lineage(false),
        LineagePaths: {
          forward: { truncated: false, paths: [{ nodeIds: [IDS.train, IDS.stepTrain, IDS.model] }] },
          backward: { truncated: false, paths: [] },
        },
      },
    });
    expect(await screen.findByText('Highlighting 1 path between A and B.')).toBeInTheDocument();
    expect(view.calls.find((c) => c.operationName === 'LineagePaths')?.variables).toEqual({ from: IDS.train, to: IDS.model });
  });

  it('opens a node’s details and expands its neighbours', async () => {
    const view = renderView(<LineageView />, { ...at(`?sel=${IDS.train}`), responses: { Lineage: lineage(false) } });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/artifacts/${IDS.train}`);
    await userEvent.click(within(panel).getByRole('button', { name: 'Expand neighbours' }));
    expect(currentLocation()).toContain(`expand=${IDS.train}`);
    await waitFor(() =>
      expect(view.calls.some((c) => c.operationName === 'Lineage' && (c.variables['ids'] as string[])[0] === IDS.train)).toBe(true),
    );
  });

  it('opens a step execution in its execution without a second query', async () => {
    const view = renderView(<LineageView />, { ...at(`?sel=${IDS.stepTrain}`), responses: { Lineage: lineage(false) } });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/executions/${IDS.execution}?step=TrainModel`);
    expect(view.calls.map((c) => c.operationName)).not.toContain('LineageNodeTarget');
  });

  it('offers a way back when the filters leave nothing', async () => {
    renderView(<LineageView />, {
      ...at('?nodes=Context'),
      responses: { Lineage: { lineage: { truncated: false, nodes: [], edges: [] } } },
    });
    expect(await screen.findByText('Nothing to show')).toBeInTheDocument();
  });
});
