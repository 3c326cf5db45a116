import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  buildAuditReport,
  combineResolvers,
  createArtifactStoreResolver,
  createFileResolver,
  renderHtml,
  renderJson,
  renderMarkdown,
  reportDigest,
  verifyReport,
  type ArtifactResolver,
} from '@pedigree/report';
import { cliConfig, hasEmbeddedStore, withRuntime } from '../context.ts';
import { failure, usageError } from '../errors.ts';
import { formatTable } from '../output.ts';
import type { RemoteClient } from '../remote/client.ts';
import { connect, noteRunsLocally } from '../remote/connect.ts';
import { resolveModelRemote } from '../remote/resolve.ts';
import { requireModel, resolveModel } from '../resolve-ids.ts';
import { examples, type CommandSetup } from './shared.ts';

export function registerReportCommands(program: Command, setup: CommandSetup): void {
  setup(
    program
      .command('report')
      .description('An audit report of a model: identity, approvals, every dataset, code and step it came from, with a lineage diagram.')
      .argument('<model>', 'model package id (mp_…), model artifact id (ar_…), URI or local path')
      .addOption(
        new Option('--format <format>', 'json (verifiable), md (Markdown with Mermaid) or html (self-contained page)')
          .choices(['json', 'md', 'html'])
          .default('json'),
      )
      .option('-o, --out <file>', 'write to a file instead of stdout')
      .option('--json', 'same as --format json'),
    examples([
      'pedigree report mp_0190… --out report.json',
      'pedigree report mp_0190… --format html --out report.html',
      'pedigree report ar_9c1e… --format md > REPORT.md',
    ]),
  ).action(async (ref: string, opts: { format: 'json' | 'md' | 'html'; out?: string; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    const format = opts.json ? 'json' : opts.format;
    const emit = async (text: string, sha256: string): Promise<void> => {
      if (!opts.out) return ctx.out.write(text);
      try {
        await writeFile(opts.out, text);
      } catch (error) {
        throw usageError(`cannot write ${opts.out}: ${writeProblem(opts.out, error as NodeJS.ErrnoException)}`);
      }
      ctx.out.line(`wrote ${opts.out} (${format}, report sha256 ${sha256})`);
    };
    const client = connect(ctx);
    if (client) {
      // The server renders it (its version is the report's tool version), through its report route.
      const model = requireModel(await resolveModelRemote(client, ref), ref);
      const { body, sha256 } = await fetchReport(client, model.modelPackage?.id ?? model.artifact.id, format);
      return emit(body, sha256);
    }
    await withRuntime(ctx, async (runtime) => {
      const model = requireModel(await resolveModel(runtime.store, ref), ref);
      const report = await buildAuditReport(runtime.store, {
        ...(model.modelPackage ? { modelPackageId: model.modelPackage.id } : { modelArtifactId: model.artifact.id }),
        toolVersion: ctx.toolVersion,
      });
      const text = format === 'json' ? renderJson(report) : format === 'md' ? renderMarkdown(report) : renderHtml(report);
      await emit(text, reportDigest(report));
    });
  });

  setup(
    program
      .command('verify')
      .description(
        'Check a JSON audit report: recompute its sha256, then re-hash every artifact it lists that is reachable (artifact store or disk). Exits 1 on any change.',
      )
      .argument('<report.json>', 'a report written by `pedigree report --format json`')
      .option(
        '--project-root <dir>',
        'directory the steps’ source files are relative to (default PEDIGREE_PROJECT_ROOT; without either they are not checked)',
      )
      .option('--require-all', 'also fail when an artifact is missing or cannot be reached')
      .option('--json', 'print the result as JSON'),
    examples(['pedigree verify report.json', 'pedigree verify report.json --project-root examples/iris --require-all --json']),
  ).action(async (file: string, opts: { projectRoot?: string; requireAll?: boolean; json?: boolean }, cmd: Command) => {
    const ctx = setup.context(cmd);
    noteRunsLocally(ctx, 'verify', 'it re-hashes the files on this machine (and the local artifact store, if any)');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw usageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory, not a report.json' : (error as Error).message}`,
      );
    }
    if (!text.trimStart().startsWith('{')) {
      throw usageError(
        `${file} is not a JSON audit report${/\.(md|markdown|html?)$/i.test(file) ? ' (a report’s Markdown and HTML forms are for reading)' : ''}: verify checks the document \`pedigree report --format json\` writes`,
      );
    }
    const check = async (resolveArtifact: ArtifactResolver): Promise<void> => {
      const result = await verifyReport(text, { resolveArtifact, requireAll: opts.requireAll ?? false });
      if (opts.json) {
        ctx.out.json(result);
      } else {
        const s = ctx.out.style;
        ctx.out.line(
          result.hash.valid
            ? `report hash: ${s.green('ok')} (${result.hash.actual})`
            : `report hash: ${s.red('MISMATCH')}: the report says ${result.hash.expected} but its content hashes to ${result.hash.actual}; it was edited after it was made`,
        );
        const mark = {
          unchanged: s.green('unchanged'),
          changed: s.red('CHANGED'),
          missing: s.yellow('missing'),
          unchecked: s.dim('unchecked'),
        };
        ctx.out.line(
          '',
          ...formatTable(
            ['STATUS', 'TYPE', 'NAME', 'URI', 'DETAIL'],
            result.artifacts.map((a) => [
              mark[a.status],
              a.type,
              a.name,
              a.uri,
              a.status === 'changed'
                ? `expected ${a.expectedDigest}${a.actualDigest ? `, found ${a.actualDigest}` : ''}`
                : a.status === 'unchanged'
                  ? ''
                  : (a.detail ?? ''),
            ]),
          ),
          '',
          `${result.counts.unchanged} unchanged, ${result.counts.changed} changed, ${result.counts.missing} missing, ${result.counts.unchecked} unchecked`,
        );
      }
      if (!result.ok) {
        const reasons = [
          !result.hash.valid ? 'the report was altered' : null,
          result.counts.changed ? `${result.counts.changed} artifact(s) changed` : null,
        ].filter(Boolean);
        if (opts.requireAll && (result.counts.missing || result.counts.unchecked))
          reasons.push(`${result.counts.missing + result.counts.unchecked} artifact(s) not verifiable`);
        throw failure(`verification failed: ${reasons.join('; ')}`);
      }
    };
    const config = await cliConfig(ctx);
    // Source files are recorded relative to the project root of the run, which only the user knows.
    const baseDir = opts.projectRoot ?? (ctx.env.PEDIGREE_PROJECT_ROOT ? config.projectRoot : undefined);
    const files = createFileResolver(baseDir !== undefined ? { baseDir } : {});
    // Without a local store (a report checked on another machine) only files on disk can be re-hashed.
    if (!(await hasEmbeddedStore(config))) return check(files);
    await withRuntime(ctx, (runtime) =>
      // Every pedigree:// URI (artifact-store content and execution outputs) is checked in the artifact store by digest.
      check(combineResolvers(files, createArtifactStoreResolver(runtime.artifacts, { uriPrefix: 'pedigree://' }))),
    );
  });
}

/** Why a file could not be written, in words (the system message repeats the path and the call). */
function writeProblem(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `no such directory ${path.dirname(path.resolve(file))}`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error.message;
  }
}

/**
 * A report rendered by the server: `GET /api/v1/reports/<id>.<format>` (the same bytes as the
 * auditReport query), with the report's sha256 from its `x-report-sha256` header.
 */
export async function fetchReport(
  client: RemoteClient,
  id: string,
  format: 'json' | 'md' | 'html',
): Promise<{ body: string; sha256: string }> {
  const { body, headers } = await client.get(`/api/v1/reports/${encodeURIComponent(id)}.${format}`);
  return { body, sha256: headers.get('x-report-sha256') ?? 'unknown' };
}
