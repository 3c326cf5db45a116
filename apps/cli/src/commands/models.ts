import { Option, type Command } from 'commander';
import { APPROVAL_STATUSES, type ApprovalStatus, type ModelPackage, type ModelPackageId } from '@pedigree/domain';
import { withRuntime, type CommandContext } from '../context.ts';
import { usageError } from '../errors.ts';
import { formatTable } from '../output.ts';
import { parsePositiveInt, whoAmI } from './pipelines.ts';
import { examples, type CommandSetup } from './shared.ts';

export function registerModelCommands(program: Command, setup: CommandSetup): void {
  const models = program.command('models').description('The model registry: list model packages, approve or reject them.');
  models.addHelpText('after', examples(['pedigree models list', 'pedigree models approve mp_0190… --comment "accuracy 0.97 on holdout"']));

  setup(
    models
      .command('list')
      .description('Model packages, newest first.')
      .option('--group <name>', 'only this model package group')
      .addOption(new Option('--status <status>', 'only packages with this approval status').choices(APPROVAL_STATUSES))
      .option('--limit <n>', 'at most this many (default 50, at most 1000)', parsePositiveInt('--limit'), 50)
      .option('--json', 'print as JSON'),
    examples(['pedigree models list --group iris-classifier', 'pedigree models list --status PendingManualApproval --json']),
  ).action(async (opts: { group?: string; status?: ApprovalStatus; limit: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    if (opts.limit > 1000) throw usageError('--limit must be at most 1000');
    await withRuntime(ctx, async (runtime) => {
      const page = await runtime.store.listModelPackages({
        first: opts.limit,
        ...(opts.group ? { group: opts.group } : {}),
        ...(opts.status ? { approvalStatuses: [opts.status] } : {}),
      });
      if (opts.json) return ctx.out.json({ modelPackages: page.items, hasNextPage: page.hasNextPage });
      if (page.items.length === 0) return ctx.out.line('no model packages');
      ctx.out.line(
        ...formatTable(
          ['ID', 'GROUP', 'VERSION', 'STATUS', 'CREATED', 'MODEL ARTIFACT', 'METRICS'],
          page.items.map((p) => [p.id, p.group, String(p.version), p.approvalStatus, p.createdAt, p.modelArtifactId, metricsText(p)]),
        ),
      );
    });
  });

  const decide = (name: 'approve' | 'reject', status: ApprovalStatus): void => {
    setup(
      models
        .command(name)
        .description(`${name === 'approve' ? 'Approve' : 'Reject'} a model package; the decision is appended to its approval history.`)
        .argument('<id>', 'model package id (mp_…)')
        .option('-m, --comment <text>', name === 'reject' ? 'why (required)' : 'why (recommended)')
        .option('--by <name>', 'who decides (default: PEDIGREE_USER or USER)')
        .option('--json', 'print the package as JSON'),
      examples([`pedigree models ${name} mp_0190… --comment "${name === 'approve' ? 'meets the accuracy bar' : 'trained on stale data'}"`]),
    ).action(async (id: string, opts: { comment?: string; by?: string; json?: boolean }, cmd: Command) => {
      const ctx = setup.context(cmd);
      if (name === 'reject' && !opts.comment?.trim()) throw usageError('reject needs --comment saying why');
      await withRuntime(ctx, async (runtime) => {
        const pkg = await runtime.store.setModelPackageApproval({
          id: id as ModelPackageId,
          status,
          by: opts.by ?? whoAmI(ctx),
          comment: opts.comment ?? null,
        });
        printDecision(ctx, pkg, opts.json ?? false);
      });
    });
  };
  decide('approve', 'Approved');
  decide('reject', 'Rejected');
}

function metricsText(p: ModelPackage): string {
  return Object.keys(p.metrics)
    .sort()
    .map((k) => {
      const v = p.metrics[k];
      return `${k}=${typeof v === 'number' ? Number(v.toFixed(4)) : JSON.stringify(v)}`;
    })
    .join(' ');
}

function printDecision(ctx: CommandContext, pkg: ModelPackage, json: boolean): void {
  if (json) return ctx.out.json(pkg);
  ctx.out.line(`${pkg.id} ${pkg.group} v${pkg.version}: ${pkg.approvalStatus}`);
  for (const a of pkg.approvals) ctx.out.line(`  ${a.at}  ${a.status}  by ${a.by}${a.comment ? `: ${a.comment}` : ''}`);
}
