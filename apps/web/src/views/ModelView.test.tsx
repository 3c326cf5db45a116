import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DATASET_DIGEST, IDS, model } from '../test/fixtures.ts';
import { GraphqlError, renderView } from '../test/render.tsx';
import { ModelView } from './ModelView.tsx';

const at = { path: '/models/:id', route: `/models/${IDS.model}` };

describe('ModelView', () => {
  it('shows an error state when provenance cannot be loaded', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: new GraphqlError('node budget exceeded') } });
    expect(await screen.findByRole('alert')).toHaveTextContent('node budget exceeded');
  });

  it('lists the data sets behind the model with their digests', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: model } });
    const table = await screen.findByRole('table', { name: 'Data sets behind this model' });
    expect(within(table).getByRole('link', { name: 'iris.csv' })).toHaveAttribute('href', `/artifacts/${IDS.dataset}`);
    expect(within(table).getByTitle(DATASET_DIGEST)).toHaveTextContent('sha256:91eb642c3adb');
    expect(screen.getByText('Seed')).toBeInTheDocument();
  });

  it('lists the external job runs (OpenLineage) behind the model; a data set one of them wrote is no source', async () => {
    const warehouse = {
      depth: 4,
      artifact: {
        id: 'ar_warehouse',
        name: 'analytics.iris_clean',
        digest: 'sha256:fb583c91d814',
        uri: 'openlineage://postgres/analytics.iris_clean',
        producer: null,
      },
    };
    const withUpstream = {
      ...model,
      provenance: {
        ...model.provenance,
        datasets: [...model.provenance.datasets, warehouse],
        openLineageRuns: [
          {
            id: 'olr_0193f2a0-9a20-7e45-b162-5fad4a8ebc05',
            job: { namespace: 'dbt', name: 'iris_analytics.model.iris_analytics.iris_clean' },
            status: 'Succeeded',
            startedAt: '2024-12-01T02:10:00.000Z',
            outputs: [{ id: 'ar_warehouse' }],
          },
        ],
      },
    };
    renderView(<ModelView />, { ...at, responses: { Model: withUpstream } });
    const runs = await screen.findByRole('list', { name: 'External job runs behind this model' });
    expect(within(runs).getByRole('link', { name: 'iris_analytics.model.iris_analytics.iris_clean' })).toHaveAttribute(
      'href',
      '/lineage/olr_0193f2a0-9a20-7e45-b162-5fad4a8ebc05?dir=UPSTREAM',
    );
    expect(within(runs).getByText('dbt')).toBeInTheDocument();
    expect(screen.getByText(/upstream of 1 external job run \(OpenLineage\)/)).toBeInTheDocument();
    // The landed CSV is a source; the table the dbt run wrote is not.
    const table = screen.getByRole('table', { name: 'Data sets behind this model' });
    const row = (name: string) => within(table).getByRole('link', { name }).closest('tr')!;
    expect(within(row('iris.csv')).getByText('source')).toBeInTheDocument();
    expect(within(row('analytics.iris_clean')).queryByText('source')).toBeNull();
  });

  it('shows no external jobs section when no OpenLineage run is upstream', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: model } });
    await screen.findByRole('table', { name: 'Data sets behind this model' });
    expect(screen.queryByRole('list', { name: 'External job runs behind this model' })).toBeNull();
    expect(screen.queryByText(/external job run/)).toBeNull();
  });

  it('approves with a comment and the status it expects to replace', async () => {
    const view = renderView(<ModelView />, {
      ...at,
      responses: {
        Model: model,
        SetModelApprovalStatus: {
          setModelApprovalStatus: { errors: [], modelPackage: { id: IDS.modelPackage, approvalStatus: 'Approved', approvals: [] } },
        },
      },
    });
    await userEvent.type(await screen.findByLabelText('Comment'), 'accuracy ok');
    await userEvent.click(screen.getByRole('button', { name: /Approve/ }));
    expect(await screen.findByText('iris-classifier v1 approved.')).toBeInTheDocument();
    expect(view.calls.find((c) => c.operationName === 'SetModelApprovalStatus')?.variables).toEqual({
      input: { id: IDS.modelPackage, status: 'Approved', comment: 'accuracy ok', expectedStatus: 'PendingManualApproval' },
    });
  });

  it('shows a refused decision as an error', async () => {
    renderView(<ModelView />, {
      ...at,
      responses: {
        Model: model,
        SetModelApprovalStatus: {
          setModelApprovalStatus: {
            errors: [{ code: 'CONFLICT', message: 'status changed meanwhile', path: 'input.expectedStatus' }],
            modelPackage: null,
          },
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /Reject/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('status changed meanwhile'));
  });

  it('shows a FORBIDDEN decision (a viewer token) inline', async () => {
    renderView(<ModelView />, {
      ...at,
      responses: {
        Model: model,
        SetModelApprovalStatus: new GraphqlError('this operation requires the editor role; bob has viewer', 'FORBIDDEN', 403),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /Approve/ }));
    const form = screen.getByRole('form', { name: /Decide on/ });
    await waitFor(() =>
      expect(within(form).getByRole('alert')).toHaveTextContent('this operation requires the editor role; bob has viewer'),
    );
  });

  it('links the audit report downloads to the server route, one per format', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: model } });
    const group = await screen.findByRole('group', { name: 'Download audit report' });
    for (const [label, ext] of [
      ['HTML', 'html'],
      ['Markdown', 'md'],
      ['JSON', 'json'],
    ] as const) {
      const link = within(group).getByRole('link', { name: `Download audit report as ${label}` });
      expect(link).toHaveAttribute('href', `/api/v1/reports/${IDS.model}.${ext}`);
      // The server names the file (content-disposition); the attribute makes it a download, not a navigation.
      expect(link).toHaveAttribute('download');
    }
  });
});
