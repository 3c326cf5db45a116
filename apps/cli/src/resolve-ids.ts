import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ID_PREFIX, isNotFoundError, type Artifact, type ArtifactId, type ModelPackage, type ModelPackageId } from '@pedigree/domain';
import type { GraphStore } from '@pedigree/graph-store';
import { usageError } from './errors.ts';

/**
 * An artifact named the way people name it: its id (`ar_...`), its URI (the latest artifact at it),
 * or a local path (as a file:// URI). Throws CliError (exit 2) naming what was looked for.
 */
export async function resolveArtifact(store: GraphStore, ref: string): Promise<Artifact> {
  if (ref.startsWith(ID_PREFIX.artifact)) {
    const [found] = await store.getArtifacts([ref as ArtifactId]);
    if (found) return found;
    throw usageError(`no artifact with id ${ref}`);
  }
  const candidates = [ref];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || existsSync(ref)) candidates.push(pathToFileURL(path.resolve(ref)).href);
  for (const uri of candidates) {
    const found = await store.findArtifact({ uri });
    if (found) return found;
  }
  throw usageError(`no artifact with id or URI ${ref}`);
}

export interface ResolvedModel {
  readonly artifact: Artifact;
  /** Set when the reference named a model package. */
  readonly modelPackage: ModelPackage | null;
}

/** A model named by model package id (`mp_...`), artifact id or URI. Throws CliError (exit 2). */
export async function resolveModel(store: GraphStore, ref: string): Promise<ResolvedModel> {
  if (ref.startsWith(ID_PREFIX.modelPackage)) {
    let pkg: ModelPackage;
    try {
      pkg = await store.getModelPackage(ref as ModelPackageId);
    } catch (error) {
      if (isNotFoundError(error)) throw usageError(`no model package with id ${ref}`);
      throw error;
    }
    const artifact = await store.getArtifact(pkg.modelArtifactId);
    return { artifact, modelPackage: pkg };
  }
  return { artifact: await resolveArtifact(store, ref), modelPackage: null };
}

/**
 * The model of a reference that must name a model (reports, diffs): a model package, or an artifact
 * of type Model. Anything else is refused (exit 2) rather than reported on as if it were a model.
 */
export function requireModel(model: ResolvedModel, ref: string): ResolvedModel {
  if (model.modelPackage || model.artifact.type === 'Model') return model;
  const { artifact } = model;
  const named = ref === artifact.id ? ref : `${ref} (${artifact.id})`;
  throw usageError(
    `${named} is a ${artifact.type} artifact (${artifact.name}), not a Model: name a model artifact or a model package (mp_…); \`pedigree models list\` shows them`,
  );
}

/** Any lineage node id (artifact, step execution, execution, package, ...) or an artifact URI/path. */
export async function resolveLineageStart(store: GraphStore, ref: string): Promise<string> {
  if (/^(ar|se|ex|mp|pv|pl|cx)_/.test(ref)) {
    const [node] = await store.getLineageNodes([ref]);
    if (node) return node.id;
    throw usageError(`no lineage node with id ${ref}`);
  }
  return (await resolveArtifact(store, ref)).id;
}
