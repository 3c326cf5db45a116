import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LineageNodeFieldsFragment, LineageQuery } from '../gql/graphql.ts';
import { renderView } from '../test/render.tsx';
import { LineageView } from './LineageView.tsx';

const RUN = 'olr_0193f2a0-9a20-7e45-b162-5fad4a8ebc05';
const TABLE = 'ar_table';
const NS = 'postgres://warehouse.internal:5432';

const node = (fields: Partial<LineageNodeFieldsFragment> & Pick<LineageNodeFieldsFragment, 'id' | 'type' | 'label'>) =>
  ({
    depth: 1,
    status: null,
    artifactType: null,
    stepType: null,
    approvalStatus: null,
    contextType: null,
    digest: null,
    uri: null,
    createdAt: null,
    executionId: null,
    pipelineName: null,
    version: null,
    ...fields,
  }) as LineageNodeFieldsFragment;

/** The table a step read, the dbt run that built it, and the raw table the run read. */
const lineage: LineageQuery = {
  lineage: {
    truncated: false,
    nodes: [
      node({
        id: TABLE,
        type: 'Artifact',
        label: 'analytics.iris_clean',
        depth: 0,
        artifactType: 'DataSet',
        digest: 'sha256:aaaaaaaaaaaaaaaa',
        uri: `openlineage://${encodeURIComponent(NS)}/analytics.iris_clean`,
      }),
      node({ id: RUN, type: 'OpenLineageRun', label: 'iris_analytics.model.iris_analytics.iris_clean', status: 'Succeeded' }),
      node({
        id: 'ar_raw',
        type: 'Artifact',
        label: 'raw.iris_measurements',
        depth: 2,
        artifactType: 'DataSet',
        digest: 'sha256:bbbbbbbbbbbbbbbb',
        uri: `openlineage://${encodeURIComponent(NS)}/raw.iris_measurements`,
      }),
    ],
    edges: [
      { from: 'ar_raw', to: RUN, type: 'CONSUMED_BY' },
      { from: RUN, to: TABLE, type: 'PRODUCED' },
    ],
  },
} as LineageQuery;

const run = {
  openLineageRun: {
    id: RUN,
    runId: RUN.slice(4),
    state: 'COMPLETE',
    startedAt: '2026-12-01T02:04:02.660Z',
    endedAt: '2026-12-01T02:04:58.113Z',
    facets: { processing_engine: { name: 'dbt', version: '1.9.1' } },
    producers: ['https://github.com/OpenLineage/OpenLineage/tree/1.34.0/integration/dbt'],
    eventCount: 2,
    job: {
      namespace: 'dbt',
      name: 'iris_analytics.model.iris_analytics.iris_clean',
      facets: { sql: { query: 'select * from raw.iris_measurements' } },
    },
    datasetFacets: [
      { direction: 'OUTPUT', artifact: { id: 'ar_clean', name: 'analytics.iris_clean' }, facets: { outputStatistics: { rowCount: 150 } } },
    ],
    parent: { id: 'olr_parent', runId: 'parent', state: 'COMPLETE', job: { namespace: 'airflow', name: 'iris_warehouse.dbt_run' } },
    children: [{ id: 'olr_child', runId: 'child', state: 'FAIL', job: { namespace: 'dbt', name: 'iris_analytics.test.not_null' } }],
    events: {
      edges: [
        {
          node: {
            eventDigest: 'sha256:1111111111',
            eventType: 'START',
            eventTime: '2026-12-01T02:04:02.660Z',
            producer: 'dbt',
            event: { eventType: 'START' },
          },
        },
        {
          node: {
            eventDigest: 'sha256:2222222222',
            eventType: 'COMPLETE',
            eventTime: '2026-12-01T02:04:58.113Z',
            producer: 'dbt',
            event: { eventType: 'COMPLETE' },
          },
        },
      ],
    },
  },
};

describe('OpenLineage in the lineage explorer', () => {
  it('draws runs of other systems with their job name and state, and their datasets with their namespace', async () => {
    const view = renderView(<LineageView />, { path: '/lineage/:id', route: `/lineage/${TABLE}`, responses: { Lineage: lineage } });
    const graph = await screen.findByRole('group', { name: 'Lineage graph' });
    const card = (await within(graph).findByText('iris_analytics.model.iris_analytics.iris_clean', {}, { timeout: 15_000 })).closest(
      '.graph-card',
    )!;
    expect(card).toHaveClass('variant-openlineage');
    expect(card).toHaveTextContent('OpenLineage run');
    expect(card).toHaveTextContent('COMPLETE');
    const raw = within(graph).getByText('raw.iris_measurements').closest('.graph-card')!;
    expect(raw).toHaveTextContent(NS);
    expect(raw).toHaveClass('variant-openlineage');
    // Runs are among the node types asked for by default.
    expect(view.calls[0]?.variables['nodeTypes']).toContain('OpenLineageRun');
  });

  it('shows a selected run’s job, state, times, parent, facets and raw events', async () => {
    const view = renderView(<LineageView />, {
      path: '/lineage/:id',
      route: `/lineage/${TABLE}?sel=${RUN}`,
      responses: { Lineage: lineage, OpenLineageRunDetails: run },
    });
    const details = await screen.findByRole('region', { name: 'OpenLineage run' });
    expect(await within(details).findByText('COMPLETE', { selector: '.ol-state' })).toBeInTheDocument();
    expect(details).toHaveTextContent('dbt / iris_analytics.model.iris_analytics.iris_clean');
    expect(within(details).getByRole('link', { name: /airflow \/ iris_warehouse\.dbt_run · COMPLETE/ })).toHaveAttribute(
      'href',
      '/lineage/olr_parent',
    );
    expect(within(details).getByRole('link', { name: 'dbt / iris_analytics.test.not_null · FAIL' })).toHaveAttribute(
      'href',
      '/lineage/olr_child',
    );
    expect(within(details).getByText('processing_engine')).toBeInTheDocument();
    // The job's facets (the dbt model's SQL) under their own heading.
    const jobFacets = within(details).getByRole('heading', { name: 'Job facets' }).nextElementSibling!;
    expect(within(jobFacets as HTMLElement).getByText('sql')).toBeInTheDocument();
    expect(jobFacets).toHaveTextContent('select * from raw.iris_measurements');
    const io = within(details).getByRole('list', { name: 'Input and output facets' });
    expect(io).toHaveTextContent('wrote analytics.iris_clean');
    expect(within(io).getByText('outputStatistics')).toBeInTheDocument();
    expect(io).toHaveTextContent('"rowCount": 150');
    expect(details).toHaveTextContent('Raw events (2)');
    expect(within(details).getByText('START', { selector: 'strong' })).toBeInTheDocument();
    expect(view.calls.find((c) => c.operationName === 'OpenLineageRunDetails')?.variables).toEqual({ runId: RUN.slice(4) });
  });

  it('shows a selected OpenLineage dataset’s namespace, name and facets', async () => {
    renderView(<LineageView />, {
      path: '/lineage/:id',
      route: `/lineage/${TABLE}?sel=${TABLE}`,
      responses: {
        Lineage: lineage,
        OpenLineageDatasetDetails: {
          openLineageDataset: {
            namespace: NS,
            name: 'analytics.iris_clean',
            facets: { schema: { fields: [] } },
            versions: [{ id: TABLE }],
          },
        },
      },
    });
    const details = await screen.findByRole('region', { name: 'OpenLineage dataset' });
    expect(details).toHaveTextContent(NS);
    expect(details).toHaveTextContent('analytics.iris_clean');
    expect(await within(details).findByText('schema')).toBeInTheDocument();
  });
});
