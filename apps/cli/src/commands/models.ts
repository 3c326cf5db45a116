import { Option, type Command } from 'commander';
import { APPROVAL_STATUSES, type ApprovalStatus, type ModelPackage, type ModelPackageId } from '@pedigree/domain';
import { withRuntime, type CommandContext } from '../context.ts';
import { usageError } from '../errors.ts';
import { ModelPackagesDocument, SetModelApprovalStatusDocument, type ModelPackagesQuery } from '../generated/graphql.ts';
import { throwUserErrors, type RemoteClient } from '../remote/client.ts';
import { connect } from '../remote/connect.ts';
import { toModelPackage } from '../remote/to-records.ts';
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
      .option('--limit <n>', 'at most this many (default 50, at most 1000)', parsePositiveInt('--limit', 1000), 50)
      .option('--json', 'print as JSON'),
    examples(['pedigree models list --group iris-classifier', 'pedigree models list --status PendingManualApproval --json']),
  ).action(async (opts: { group?: string; status?: ApprovalStatus; limit: number; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const client = connect(ctx);
    const page = client
      ? await listModelPackagesRemote(client, opts.limit, opts.group, opts.status)
      : await withRuntime(ctx, (runtime) =>
          runtime.store.listModelPackages({
            first: opts.limit,
            ...(opts.group ? { group: opts.group } : {}),
            ...(opts.status ? { approvalStatuses: [opts.status] } : {}),
          }),
        );
    if (opts.json) return ctx.out.json({ modelPackages: page.items, hasNextPage: page.hasNextPage });
    if (page.items.length === 0) return ctx.out.line('no model packages');
    ctx.out.line(
      ...formatTable(
        ['ID', 'GROUP', 'VERSION', 'STATUS', 'CREATED', 'MODEL ARTIFACT', 'METRICS'],
        page.items.map((p) => [p.id, p.group, String(p.version), p.approvalStatus, p.createdAt, p.modelArtifactId, metricsText(p)]),
      ),
    );
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
      const client = connect(ctx);
      if (client) {
        if (opts.by !== undefined) throw usageError('--by does not apply with --server: the server records the name of the API token');
        const { setModelApprovalStatus: r } = await client.request(SetModelApprovalStatusDocument, {
          input: { id, status, comment: opts.comment ?? null },
        });
        if (r.errors[0]?.code === 'NOT_FOUND') throw usageError(`no model package with id ${id}`);
        throwUserErrors(r.errors);
        return printDecision(ctx, toModelPackage(r.modelPackage!), opts.json ?? false);
      }
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

/** Up to `limit` model packages from the server, paging through its connection (at most 100 a page). */
async function listModelPackagesRemote(
  client: RemoteClient,
  limit: number,
  group: string | undefined,
  status: ApprovalStatus | undefined,
): Promise<{ items: ModelPackage[]; hasNextPage: boolean }> {
  const items: ModelPackage[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ModelPackagesQuery = await client.request(ModelPackagesDocument, {
      first: Math.min(100, limit - items.length),
      after,
      ...(group ? { group } : {}),
      ...(status ? { approvalStatuses: [status] } : {}),
    });
    const { edges, pageInfo } = page.modelPackages;
    items.push(...edges.map((e) => toModelPackage(e.node)));
    if (!pageInfo.hasNextPage || items.length >= limit) return { items, hasNextPage: pageInfo.hasNextPage };
    after = pageInfo.endCursor;
  }
}
