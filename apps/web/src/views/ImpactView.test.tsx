import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IDS, impact } from '../test/fixtures.ts';
import { renderView } from '../test/render.tsx';
import { ImpactView } from './ImpactView.tsx';

const at = { path: '/datasets/:id/impact', route: `/datasets/${IDS.dataset}/impact` };

describe('ImpactView', () => {
  it('lists every model package built from the data set with its approval status', async () => {
    renderView(<ImpactView />, { ...at, responses: { Impact: impact } });
    const packages = await screen.findByRole('region', { name: 'Model packages' });
    expect(within(packages).getByRole('link', { name: 'iris-classifier v1' })).toHaveAttribute('href', `/models/${IDS.model}`);
    expect(within(packages).getByText('Approved')).toBeInTheDocument();
    expect(within(packages).getByText('Rejected')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('1 approved package depends on this data.');
  });

  it('says plainly when nothing was built from it', async () => {
    renderView(<ImpactView />, {
      ...at,
      responses: { Impact: { ...impact, impact: { truncated: false, models: [], modelPackages: [], stepExecutions: [] } } },
    });
    expect(await screen.findByText('No model package was built from this data set')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('warns when the search was truncated', async () => {
    renderView(<ImpactView />, { ...at, responses: { Impact: { ...impact, impact: { ...impact.impact, truncated: true } } } });
    expect(await screen.findByText('Truncated')).toBeInTheDocument();
  });
});
