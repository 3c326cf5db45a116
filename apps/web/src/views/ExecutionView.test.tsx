import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { execution, IDS } from '../test/fixtures.ts';
import { renderView } from '../test/render.tsx';
import { ExecutionView } from './ExecutionView.tsx';

const at = (query = '') => ({ path: '/executions/:id', route: `/executions/${IDS.execution}${query}` });
const logs = { stepExecution: { id: IDS.stepTrain, logs: [{ at: null, message: 'epoch 1 loss 0.9', stream: 'stdout' }] } };

function stepStatus(name: string, status: string) {
  return {
    executionEvents: {
      kind: 'STEP_STATUS',
      at: '2026-12-03T16:47:16.000Z',
      stepName: name,
      stepStatus: status,
      executionStatus: null,
      message: null,
      stream: null,
      attempt: 1,
    },
  };
}

describe('ExecutionView', () => {
  it('says so when the execution does not exist', async () => {
    renderView(<ExecutionView />, { ...at(), responses: { Execution: { execution: null, viewer: { role: 'editor' } } } });
    expect(await screen.findByText(`No execution ${IDS.execution}`)).toBeInTheDocument();
  });

  it('colours steps from live events without a reload', async () => {
    const view = renderView(<ExecutionView />, { ...at(), responses: { Execution: execution('Executing') } });
    const statuses = await screen.findByRole('list', { name: 'Step statuses' });
    expect(within(statuses).getByText('TrainModel: Executing')).toBeInTheDocument();
    expect(within(statuses).getByText('EvaluateModel: Not started')).toBeInTheDocument();
    await waitFor(() => expect(view.calls.length).toBeGreaterThan(0));
    view.live.push('ExecutionEvents', stepStatus('TrainModel', 'Succeeded'));
    view.live.push('ExecutionEvents', stepStatus('EvaluateModel', 'Executing'));
    await waitFor(() => expect(within(statuses).getByText('TrainModel: Succeeded')).toBeInTheDocument());
    expect(within(statuses).getByText('EvaluateModel: Executing')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Stop/ })).toBeInTheDocument();
  });

  it('shows a step’s timings and cache hit from its live event, without refetching the execution', async () => {
    const view = renderView(<ExecutionView />, { ...at('?step=EvaluateModel'), responses: { Execution: execution('Executing') } });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByText('This step has not started.')).toBeInTheDocument();
    await waitFor(() => expect(view.subscriptions.some((s) => s.operationName === 'ExecutionEvents')).toBe(true));
    const fetched = view.calls.filter((c) => c.operationName === 'Execution').length;
    view.live.push('ExecutionEvents', {
      executionEvents: {
        ...stepStatus('EvaluateModel', 'Cached').executionEvents,
        stepExecutionId: 'se_evaluate',
        startedAt: '2026-12-03T16:47:17.000Z',
        endedAt: '2026-12-03T16:47:17.250Z',
        cacheHit: true,
        reusedStepExecution: { id: 'se_earlier_eval', executionId: IDS.earlierExecution, stepName: 'EvaluateModel' },
        cacheMiss: null,
      },
    });
    expect(await within(panel).findByText('Cache hit')).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: /EvaluateModel in/ })).toHaveAttribute(
      'href',
      `/executions/${IDS.earlierExecution}?step=EvaluateModel`,
    );
    expect(within(panel).getByText('250 ms')).toBeInTheDocument();
    const statuses = screen.getByRole('list', { name: 'Step statuses' });
    expect(within(statuses).getByText('EvaluateModel: Cached')).toBeInTheDocument();
    // Past the refetch debounce: a step event alone does not reload the execution.
    await new Promise((r) => setTimeout(r, 600));
    expect(view.calls.filter((c) => c.operationName === 'Execution').length).toBe(fetched);
  });

  it('explains a cache hit with a link to the execution it reused', async () => {
    renderView(<ExecutionView />, { ...at('?step=PrepareData'), responses: { Execution: execution('Succeeded'), StepLogs: logs } });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByText('Cache hit')).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: /PrepareData in/ })).toHaveAttribute(
      'href',
      `/executions/${IDS.earlierExecution}?step=PrepareData`,
    );
    expect(within(panel).getByRole('link', { name: /iris\.csv/ })).toHaveAttribute('href', `/artifacts/${IDS.dataset}`);
  });

  it('explains a cache miss and shows the failure reason and the log tail', async () => {
    renderView(<ExecutionView />, { ...at('?step=TrainModel'), responses: { Execution: execution('Failed'), StepLogs: logs } });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByText(/The arguments changed since the nearest earlier run/)).toBeInTheDocument();
    expect(within(panel).getByText('arguments.learningRate')).toBeInTheDocument();
    expect(within(panel).getByText('exit code 1: loss is NaN')).toBeInTheDocument();
    expect(await within(panel).findByText('epoch 1 loss 0.9')).toBeInTheDocument();
  });

  it('retries a failed execution', async () => {
    const view = renderView(<ExecutionView />, {
      ...at(),
      responses: {
        Execution: execution('Failed'),
        RetryExecution: { retryExecution: { errors: [], execution: { id: IDS.execution, status: 'Executing' } } },
      },
    });
    expect(await screen.findByText('TrainModel failed: exit code 1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Retry/ }));
    await waitFor(() =>
      expect(view.calls.some((c) => c.operationName === 'RetryExecution' && c.variables['id'] === IDS.execution)).toBe(true),
    );
  });

  it('hides Stop and Retry from viewers', async () => {
    renderView(<ExecutionView />, { ...at(), responses: { Execution: { ...execution('Failed'), viewer: { role: 'viewer' } } } });
    await screen.findByText('TrainModel failed: exit code 1');
    expect(screen.queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
  });
});
