import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ID_PREFIX, type Artifact, type ModelPackage } from '@pedigree/domain';
import { CliError, EXIT_USAGE, usageError } from '../errors.ts';
import { ArtifactByIdDocument, ArtifactByUriDocument, LineageDocument, ModelPackageByIdDocument } from '../generated/graphql.ts';
import type { ResolvedModel } from '../resolve-ids.ts';
import type { RemoteClient } from './client.ts';
import { toArtifact, toModelPackage } from './to-records.ts';

/*
 * The server-side counterparts of resolve-ids.ts: the same references (ids, URIs, local paths as
 * file:// URIs) and the same messages, answered through the API.
 */

/** An artifact by id (`ar_...`), URI (the latest at it) or local path. Throws CliError (exit 2). */
export async function resolveArtifactRemote(client: RemoteClient, ref: string): Promise<Artifact> {
  if (ref.startsWith(ID_PREFIX.artifact)) {
    const { artifact } = await client.request(ArtifactByIdDocument, { id: ref });
    if (artifact) return toArtifact(artifact);
    throw usageError(`no artifact with id ${ref}`);
  }
  const candidates = [ref];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || existsSync(ref)) candidates.push(pathToFileURL(path.resolve(ref)).href);
  for (const uri of candidates) {
    const { artifactByUri } = await client.request(ArtifactByUriDocument, { uri });
    if (artifactByUri) return toArtifact(artifactByUri);
  }
  throw usageError(`no artifact with id or URI ${ref}`);
}

/** A model by model package id (`mp_...`), artifact id, URI or path. Throws CliError (exit 2). */
export async function resolveModelRemote(client: RemoteClient, ref: string): Promise<ResolvedModel> {
  if (ref.startsWith(ID_PREFIX.modelPackage)) {
    const { modelPackage } = await client.request(ModelPackageByIdDocument, { id: ref });
    if (!modelPackage) throw usageError(`no model package with id ${ref}`);
    const pkg: ModelPackage = toModelPackage(modelPackage);
    return { artifact: await resolveArtifactRemote(client, pkg.modelArtifactId), modelPackage: pkg };
  }
  return { artifact: await resolveArtifactRemote(client, ref), modelPackage: null };
}

/** Any lineage node id, or an artifact URI/path. Throws CliError (exit 2). */
export async function resolveLineageStartRemote(client: RemoteClient, ref: string): Promise<string> {
  if (/^(ar|se|ex|mp|pv|pl|cx)_/.test(ref)) {
    // The server answers an unknown start id with NOT_FOUND (exit 2); say it as the local command does.
    const found = await client.request(LineageDocument, { startIds: [ref], maxDepth: 0 }).then(
      ({ lineage }) => lineage.nodes.some((n) => n.id === ref),
      (error: unknown) => {
        if (error instanceof CliError && error.exitCode === EXIT_USAGE && !/permission|refused/.test(error.message)) return false;
        throw error;
      },
    );
    if (found) return ref;
    throw usageError(`no lineage node with id ${ref}`);
  }
  return (await resolveArtifactRemote(client, ref)).id;
}

/** Labels of lineage nodes (for provenance paths), in batches the API accepts. */
export async function lineageLabelsRemote(client: RemoteClient, ids: readonly string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const { lineage } = await client.request(LineageDocument, { startIds: ids.slice(i, i + 100), maxDepth: 0 });
    for (const n of lineage.nodes) labels.set(n.id, n.label);
  }
  return labels;
}
