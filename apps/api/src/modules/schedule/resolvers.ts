import type { ExecutionId } from '@pedigree/domain';
import { InvalidArgumentError } from '@pedigree/domain';
import { z } from 'zod';
import { withUserErrors } from '../../errors.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { toConnection, toPageRequest } from '../../pagination.ts';
import { parseArgs } from '../../validation.ts';

const createInput = z.object({
  pipelineName: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  cron: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  timezone: z.string().max(100, 'must be at most 100 characters').nullish(),
  parameters: z.record(z.string(), z.unknown(), { error: 'must be an object of parameter name -> value' }).nullish(),
});

export const scheduleResolvers: Resolvers = {
  Query: {
    schedules: async (_root, args, { services }) => {
      const { first, after } = toPageRequest(args);
      const all = await services.schedules.list(args.pipelineName ?? null);
      // Schedules are few and kept in memory; the cursor is the position after the page.
      const start = after === null ? 0 : Number.parseInt(Buffer.from(after, 'base64url').toString('utf8'), 10);
      if (!Number.isInteger(start) || start < 0) throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
      const items = all.slice(start, start + first);
      const end = start + items.length;
      return toConnection({
        items,
        endCursor: items.length ? Buffer.from(String(end)).toString('base64url') : null,
        hasNextPage: end < all.length,
      });
    },
    schedule: (_root, { id }, { services }) => services.schedules.find(id),
  },
  Mutation: {
    createSchedule: (_root, { input }, { services, viewer }) =>
      withUserErrors(
        { schedule: null },
        async () => {
          const checked = parseArgs(createInput, input);
          const schedule = await services.schedules.create({
            pipelineName: checked.pipelineName,
            cron: checked.cron,
            timezone: checked.timezone ?? null,
            parameters: checked.parameters ?? {},
            createdBy: viewer.name,
          });
          return { schedule };
        },
        'input',
      ),
    pauseSchedule: (_root, { id }, { services }) =>
      withUserErrors({ schedule: null }, async () => ({ schedule: await services.schedules.setPaused(id, true) })),
    resumeSchedule: (_root, { id }, { services }) =>
      withUserErrors({ schedule: null }, async () => ({ schedule: await services.schedules.setPaused(id, false) })),
    deleteSchedule: (_root, { id }, { services }) =>
      withUserErrors({ deletedId: null }, async () => {
        await services.schedules.remove(id);
        return { deletedId: id };
      }),
  },
  Schedule: {
    nextRunAt: (schedule, _args, { services }) => services.schedules.nextRunAt(schedule),
    lastRunAt: (schedule) => schedule.lastTickAt,
    lastExecution: (schedule, _args, { services }) =>
      schedule.lastExecutionId ? services.executions.find(schedule.lastExecutionId as ExecutionId) : null,
    executions: async (schedule, args, { services }) =>
      toConnection(await services.executions.list({ filter: { scheduleId: schedule.id }, first: args.first, after: args.after })),
  },
};
