import path from 'node:path';
import type { ExecutionId } from '@pedigree/domain';
import { createSilentLogger } from '@pedigree/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduleService } from '../src/modules/schedule/schedule-service.ts';
import { smallPipeline, writeInputData } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { upsert } from './seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  writeInputData(h.runtime.config.projectRoot);
  await upsert(h, smallPipeline());
});
afterAll(async () => h.close());

const CREATE = `mutation($input: CreateScheduleInput!) {
  createSchedule(input: $input) { schedule { id pipelineName cron timezone parameters paused createdBy nextRunAt lastRunAt } errors { path message code } }
}`;

interface Created {
  createSchedule: {
    schedule: { id: string; nextRunAt: string | null; parameters: unknown } | null;
    errors: { path: string; code: string }[];
  };
}

async function executionsOf(scheduleId: string): Promise<{ id: string; createdBy: string | null }[]> {
  return [...(await h.store.listExecutions({ scheduleId })).items];
}

describe('schedules', () => {
  it('refuses a bad cron expression, time zone, parameters or pipeline with field paths', async () => {
    const bad = await h.gql<Created>(CREATE, {
      input: { pipelineName: 'small', cron: '61 * * * *', timezone: 'Mars/Olympus', parameters: { Epochs: 'x' } },
    });
    expect(bad.body.data!.createSchedule.errors.map((e) => e.path).sort()).toEqual(['input.parameters.Epochs', 'input.timezone']);
    const cron = await h.gql<Created>(CREATE, { input: { pipelineName: 'small', cron: 'every day' } });
    expect(cron.body.data!.createSchedule.errors[0]).toMatchObject({ path: 'input.cron', code: 'VALIDATION_FAILED' });
    const missing = await h.gql<Created>(CREATE, { input: { pipelineName: 'ghost', cron: '* * * * *' } });
    expect(missing.body.data!.createSchedule.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('starts executions on time, records the schedule on each, and stops while paused', async () => {
    await h.app.services.schedules.start();
    const { body } = await h.gql<Created>(CREATE, { input: { pipelineName: 'small', cron: '* * * * * *', parameters: { Epochs: 2 } } });
    const schedule = body.data!.createSchedule.schedule!;
    expect(body.data!.createSchedule.errors).toEqual([]);
    expect(schedule.parameters).toEqual({ Epochs: 2 });
    expect(Date.parse(schedule.nextRunAt!)).toBeGreaterThan(Date.now() - 1000);

    for (let i = 0; i < 100 && (await executionsOf(schedule.id)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const started = await executionsOf(schedule.id);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started[0]!.createdBy).toBe(`schedule:${schedule.id}`);

    const paused = await h.gql<{ pauseSchedule: { schedule: { paused: boolean; nextRunAt: string | null } } }>(
      'mutation($id: ID!) { pauseSchedule(id: $id) { schedule { paused nextRunAt } errors { code } } }',
      { id: schedule.id },
    );
    expect(paused.body.data!.pauseSchedule.schedule).toEqual({ paused: true, nextRunAt: null });
    const count = (await executionsOf(schedule.id)).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await executionsOf(schedule.id)).length).toBe(count);
    for (const e of await executionsOf(schedule.id)) await h.executor.wait(e.id as ExecutionId);

    const listed = await h.gql<{
      schedules: { edges: { node: { id: string; lastRunAt: string; lastExecution: { id: string }; executions: { edges: unknown[] } } }[] };
    }>(
      '{ schedules { edges { node { id lastRunAt lastExecution { id } executions { edges { node { id } } } } } } }',
      {},
      { token: 'viewer' },
    );
    const node = listed.body.data!.schedules.edges.find((e) => e.node.id === schedule.id)!.node;
    expect(node.executions.edges).toHaveLength(count);
    expect(node.lastRunAt).not.toBeNull();

    const resumed = await h.gql<{ resumeSchedule: { schedule: { paused: boolean } } }>(
      'mutation($id: ID!) { resumeSchedule(id: $id) { schedule { paused } errors { code } } }',
      {
        id: schedule.id,
      },
    );
    expect(resumed.body.data!.resumeSchedule.schedule.paused).toBe(false);
    const deleted = await h.gql<{ deleteSchedule: { deletedId: string } }>(
      'mutation($id: ID!) { deleteSchedule(id: $id) { deletedId errors { code } } }',
      { id: schedule.id },
    );
    expect(deleted.body.data!.deleteSchedule.deletedId).toBe(schedule.id);
    expect((await h.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: schedule.id })).body).toEqual({ data: { schedule: null } });
    const again = await h.gql<{ deleteSchedule: { errors: { code: string }[] } }>(
      'mutation($id: ID!) { deleteSchedule(id: $id) { deletedId errors { code } } }',
      { id: schedule.id },
    );
    expect(again.body.data!.deleteSchedule.errors[0]!.code).toBe('NOT_FOUND');
  });

  it('fires a tick at most once, also from a new process reading the same file', async () => {
    const { body } = await h.gql<Created>(CREATE, { input: { pipelineName: 'small', cron: '0 0 1 1 *' } });
    const id = body.data!.createSchedule.schedule!.id;
    const tick = new Date('2030-01-01T00:00:00.000Z');
    const first = await h.app.services.schedules.fire(id, tick);
    expect(first).not.toBeNull();
    expect(await h.app.services.schedules.fire(id, tick)).toBeNull();

    // A restarted service reads the marker from schedules.json and does not run that tick again.
    const restarted = createScheduleService({
      file: path.join(h.dataDir, 'schedules.json'),
      store: h.store,
      executions: h.app.services.executions,
      logger: createSilentLogger(),
    });
    expect(await restarted.fire(id, tick)).toBeNull();
    expect(await restarted.fire(id, new Date('2030-01-01T00:00:01.000Z'))).not.toBeNull();
    expect((await executionsOf(id)).length).toBe(2);
    for (const e of await executionsOf(id)) await h.executor.wait(e.id as ExecutionId);
  });
});
