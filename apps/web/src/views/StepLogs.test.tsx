import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderView } from '../test/render.tsx';
import { StepLogs, type LiveLogLine } from './StepLogs.tsx';

const tail = { stepExecution: { id: 'se_1', logs: [{ at: null, message: 'line 1', stream: 'stdout' }] } };

function Harness() {
  const [live, setLive] = useState<LiveLogLine[]>([{ message: 'line 1', stream: 'stdout' }]);
  return (
    <>
      <button type="button" onClick={() => setLive([...live, { message: 'line 2', stream: 'stderr' }])}>
        log
      </button>
      <StepLogs stepExecutionId="se_1" live={live} running />
    </>
  );
}

describe('StepLogs', () => {
  it('appends live lines after the tail without repeating the ones the tail already has', async () => {
    renderView(<Harness />, { path: '/', route: '/', responses: { StepLogs: tail } });
    await screen.findByText('line 1');
    await userEvent.click(screen.getByRole('button', { name: 'log' }));
    expect(await screen.findByText('line 2')).toHaveClass('log-stderr');
    expect(screen.getAllByText('line 1')).toHaveLength(1);
  });
});
