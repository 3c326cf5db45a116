import type { CommandContext } from '../context.ts';
import { usageError } from '../errors.ts';
import { createRemoteClient, type RemoteClient } from './client.ts';

/** The server to talk to: `--server` over PEDIGREE_SERVER; the token: `--token` over PEDIGREE_TOKEN. */
export interface RemoteTarget {
  readonly server: string;
  readonly token: string | null;
}

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/** The configured server, or null for the local store. Throws CliError (exit 2) for `--token` without a server. */
export function remoteTarget(ctx: CommandContext): RemoteTarget | null {
  const server = nonEmpty(ctx.globals.server) ?? nonEmpty(ctx.env.PEDIGREE_SERVER);
  const token = nonEmpty(ctx.globals.token) ?? nonEmpty(ctx.env.PEDIGREE_TOKEN) ?? null;
  if (server === undefined) {
    if (ctx.globals.token !== undefined)
      throw usageError('--token needs --server URL (or PEDIGREE_SERVER): it is the API token of a Pedigree server');
    return null;
  }
  return { server, token };
}

/**
 * A client for the configured server, or null when commands work on the local store. Throws
 * CliError (exit 2) for a malformed URL, or `--data-dir` together with a server (one or the other).
 */
export function connect(ctx: CommandContext): RemoteClient | null {
  const target = remoteTarget(ctx);
  if (!target) return null;
  if (ctx.globals.dataDir !== undefined) {
    throw usageError(`--data-dir names a local store but --server ${target.server} was given too; use one of them`);
  }
  return createRemoteClient(target);
}

/** One line on stderr for the commands that always work on local files, when a server is configured. */
export function noteRunsLocally(ctx: CommandContext, command: string, why: string): void {
  const target = remoteTarget(ctx);
  if (target) ctx.out.error(`note: pedigree ${command} runs locally, not on ${target.server}: ${why}`);
}
