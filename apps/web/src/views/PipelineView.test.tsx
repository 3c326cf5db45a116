import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IDS, pipeline } from '../test/fixtures.ts';
import { currentLocation, GraphqlError, renderView } from '../test/render.tsx';
import { PipelineView } from './PipelineView.tsx';

const at = (route: string) => ({ path: '/pipelines/:name', route });

describe('PipelineView', () => {
  it('says so when the pipeline does not exist', async () => {
    renderView(<PipelineView />, { ...at('/pipelines/nope'), responses: { Pipeline: { pipeline: null } } });
    expect(await screen.findByText('No pipeline named “nope”')).toBeInTheDocument();
  });

  it('draws every step and labels the condition branches', async () => {
    renderView(<PipelineView />, { ...at('/pipelines/iris'), responses: { Pipeline: pipeline } });
    const graph = await screen.findByRole('group', { name: 'Pipeline steps' });
    await waitFor(() => expect(graph).toHaveAttribute('data-ready', 'true'), { timeout: 15_000 });
    for (const name of ['PrepareData', 'TrainModel', 'CheckAccuracy', 'RegisterModel', 'AccuracyTooLow']) {
      expect(within(graph).getByText(name)).toBeInTheDocument();
    }
    expect(within(graph).getByText('if branch')).toBeInTheDocument();
    expect(within(graph).getByText('else branch')).toBeInTheDocument();
  });

  it('filters executions by status through the URL', async () => {
    const view = renderView(<PipelineView />, { ...at('/pipelines/iris'), responses: { Pipeline: pipeline } });
    await userEvent.click(await screen.findByRole('button', { name: 'Failed' }));
    expect(currentLocation()).toBe('/pipelines/iris?status=Failed');
    await waitFor(() => expect(view.calls.at(-1)?.variables).toMatchObject({ statuses: ['Failed'] }));
  });

  it('generates the start form from the typed parameters with their defaults', async () => {
    renderView(<PipelineView />, { ...at('/pipelines/iris?start=1'), responses: { Pipeline: pipeline } });
    expect(await screen.findByLabelText('Seed')).toHaveValue('42');
    expect(screen.getByLabelText('TestFraction')).toHaveValue('0.3');
    expect(screen.getByLabelText('Optimizer')).toHaveValue('gd');
    expect(screen.getByLabelText('Standardize')).toBeChecked();
    expect(screen.getByLabelText('Owner')).toHaveValue('');
  });

  it('refuses bad values with a message per field and sends nothing', async () => {
    const view = renderView(<PipelineView />, { ...at('/pipelines/iris?start=1'), responses: { Pipeline: pipeline } });
    const seed = await screen.findByLabelText('Seed');
    await userEvent.clear(seed);
    await userEvent.type(seed, '1.5');
    await userEvent.click(screen.getByRole('button', { name: 'Start execution' }));
    expect(screen.getByText(/Enter a whole number/)).toBeInTheDocument();
    expect(screen.getByText(/Required: this parameter has no default/)).toBeInTheDocument();
    expect(seed).toHaveAttribute('aria-invalid', 'true');
    expect(view.calls.some((c) => c.operationName === 'StartExecution')).toBe(false);
  });

  it('shows the server’s field errors beside the field', async () => {
    renderView(<PipelineView />, {
      ...at('/pipelines/iris?start=1'),
      responses: {
        Pipeline: pipeline,
        StartExecution: {
          startExecution: {
            execution: null,
            errors: [{ code: 'VALIDATION_FAILED', message: 'must be at most 1', path: 'input.parameters.TestFraction' }],
          },
        },
      },
    });
    await userEvent.type(await screen.findByLabelText('Owner'), 'ana');
    await userEvent.click(screen.getByRole('button', { name: 'Start execution' }));
    expect(await screen.findByText('must be at most 1')).toBeInTheDocument();
    expect(screen.getByLabelText('TestFraction')).toHaveAttribute('aria-invalid', 'true');
  });

  it('starts an execution with typed values and opens it', async () => {
    const view = renderView(<PipelineView />, {
      ...at('/pipelines/iris?start=1'),
      responses: {
        Pipeline: pipeline,
        StartExecution: { startExecution: { errors: [], execution: { id: IDS.execution, status: 'Executing' } } },
      },
    });
    const seed = await screen.findByLabelText('Seed');
    await userEvent.clear(seed);
    await userEvent.type(seed, '7');
    await userEvent.type(screen.getByLabelText('Owner'), 'ana');
    await userEvent.selectOptions(screen.getByLabelText('Optimizer'), 'adam');
    await userEvent.click(screen.getByRole('button', { name: 'Start execution' }));
    await waitFor(() => expect(currentLocation()).toBe(`/executions/${IDS.execution}`));
    expect(view.calls.find((c) => c.operationName === 'StartExecution')?.variables).toEqual({
      input: {
        pipelineName: 'iris',
        version: 2,
        parameters: { TestFraction: 0.3, Seed: 7, Optimizer: 'adam', Standardize: true, Owner: 'ana' },
      },
    });
  });

  it('shows a FORBIDDEN answer (a viewer token) inline under the form and stays on the page', async () => {
    renderView(<PipelineView />, {
      ...at('/pipelines/iris?start=1'),
      responses: {
        Pipeline: pipeline,
        StartExecution: new GraphqlError('this operation requires the editor role; bob has viewer', 'FORBIDDEN', 403),
      },
    });
    await userEvent.type(await screen.findByLabelText('Owner'), 'bob');
    await userEvent.click(screen.getByRole('button', { name: 'Start execution' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not allowed: this operation requires the editor role; bob has viewer. Ask your Pedigree admin for an editor token.',
    );
    expect(currentLocation()).toBe('/pipelines/iris?start=1');
  });

  it('offers viewers no Start button and no start form, even from a ?start=1 link', async () => {
    renderView(<PipelineView />, {
      ...at('/pipelines/iris?start=1'),
      responses: { Pipeline: { ...pipeline, viewer: { role: 'viewer' } } },
    });
    expect(await screen.findByRole('button', { name: 'Failed' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Start execution/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Seed')).not.toBeInTheDocument();
  });

  it('sums up the last 30 days and listens to this pipeline’s executions only', async () => {
    const view = renderView(<PipelineView />, {
      ...at('/pipelines/iris'),
      responses: {
        Pipeline: pipeline,
        PipelineStats: {
          executionStats: {
            total: 12,
            truncated: false,
            byStatus: [
              { status: 'Executing', count: 1 },
              { status: 'Succeeded', count: 9 },
              { status: 'Failed', count: 2 },
              { status: 'Stopping', count: 0 },
              { status: 'Stopped', count: 0 },
            ],
            p50DurationMs: 4200,
            p95DurationMs: 61_000,
            cacheLookups: 40,
            cacheHits: 30,
            cacheHitRatio: 0.75,
          },
        },
      },
    });
    const stats = await screen.findByLabelText('Execution statistics');
    expect(stats).toHaveTextContent('executions 12');
    expect(stats).toHaveTextContent('Succeeded 9');
    expect(stats).toHaveTextContent('Failed 2');
    expect(stats).not.toHaveTextContent('Stopped');
    expect(stats).toHaveTextContent('p50 4.2 s');
    expect(stats).toHaveTextContent('p95 1 min 1 s');
    expect(stats).toHaveTextContent('cache hits 75%');
    const asked = view.calls.find((c) => c.operationName === 'PipelineStats')!.variables;
    expect(asked['name']).toBe('iris');
    // About 30 days back (fixed when the page opened).
    expect(Math.abs(Date.now() - Date.parse(asked['since'] as string) - 30 * 24 * 3600 * 1000)).toBeLessThan(60_000);
    expect(view.subscriptions.find((s) => s.operationName === 'ExecutionsChanged')?.variables).toEqual({ pipelineName: 'iris' });

    // A change of one of its executions refetches the list and the figures.
    const before = view.calls.filter((c) => c.operationName === 'PipelineStats').length;
    view.live.push('ExecutionsChanged', {
      executionsChanged: { executionId: IDS.execution, status: 'Succeeded', at: '2026-12-03T16:47:16.000Z' },
    });
    await waitFor(() => expect(view.calls.filter((c) => c.operationName === 'PipelineStats').length).toBeGreaterThan(before), {
      timeout: 5000,
    });
  });
});
