import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalDigest, type Digest } from '@pedigree/domain';
import { compilePipeline, isPipeline, parseDefinition, type PipelineDefinition } from '@pedigree/sdk';
import { usageError } from './errors.ts';

export interface LoadedPipeline {
  readonly definition: PipelineDefinition;
  readonly definitionHash: Digest;
  /** Directory the definition's relative paths (handler modules, datasets) resolve against. */
  readonly projectRoot: string;
  readonly source: string;
}

export interface LoadPipelineOptions {
  /** Overrides the project root (default: the pipeline's own, else the nearest directory with a package.json). */
  readonly projectRoot?: string;
  /** Name of the export to use when a module exports several pipelines. */
  readonly exportName?: string;
}

/**
 * Loads a pipeline from a TypeScript/JavaScript module (imported through tsx; the exported value
 * made by `definePipeline` is found with `isPipeline`) or a definition JSON file, and compiles or
 * parses it. Throws CliError (exit 2) for an unreadable file or no pipeline export, and
 * ValidationError listing every problem of an invalid definition.
 */
export async function loadPipeline(file: string, options: LoadPipelineOptions = {}): Promise<LoadedPipeline> {
  const abs = path.resolve(file);
  const info = await stat(abs).catch(() => null);
  if (info?.isDirectory()) throw usageError(`${file} is a directory: name a pipeline module (.ts/.js) or a definition (.json)`);
  if (!info?.isFile()) throw usageError(`no such file: ${file}`);
  if (abs.endsWith('.json')) {
    const text = await readFile(abs, 'utf8');
    const definition = parseDefinition(text);
    const projectRoot = path.resolve(options.projectRoot ?? envProjectRoot() ?? path.dirname(abs));
    return { definition, definitionHash: canonicalDigest(definition), projectRoot, source: abs };
  }
  if (!/\.(c|m)?(t|j)sx?$/.test(abs)) throw usageError(`cannot load ${file}: expected a .ts/.js pipeline module or a .json definition`);

  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (error) {
    throw usageError(`cannot load ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const found = Object.entries(mod).filter(([, v]) => isPipeline(v));
  let chosen: unknown;
  if (options.exportName !== undefined) {
    chosen = mod[options.exportName];
    if (!isPipeline(chosen)) {
      throw usageError(
        `${file} has no pipeline export named ${options.exportName}; pipeline exports: ${found.map(([k]) => k).join(', ') || 'none'}`,
      );
    }
  } else if (found.length === 1) {
    chosen = found[0]![1];
  } else if (found.length === 0) {
    throw usageError(`${file} exports no pipeline (export the value returned by definePipeline)`);
  } else {
    const distinct = new Set(found.map(([, v]) => v));
    if (distinct.size > 1)
      throw usageError(`${file} exports several pipelines (${found.map(([k]) => k).join(', ')}); choose one with --export NAME`);
    chosen = found[0]![1];
  }
  if (!isPipeline(chosen)) throw usageError(`${file} exports no pipeline`);
  const own = chosen.projectRoot;
  const projectRoot = path.resolve(
    options.projectRoot ??
      (own ? (own instanceof URL || String(own).startsWith('file:') ? new URL(String(own)).pathname : String(own)) : undefined) ??
      envProjectRoot() ??
      nearestPackageDir(path.dirname(abs)),
  );
  const compiled = compilePipeline(chosen, { projectRoot });
  return { definition: compiled.definition, definitionHash: compiled.definitionHash, projectRoot, source: abs };
}

function envProjectRoot(): string | undefined {
  const v = process.env.PEDIGREE_PROJECT_ROOT;
  return v && v.trim() !== '' ? v : undefined;
}

/** The nearest directory at or above `dir` that holds a package.json; `dir` itself when none does. */
function nearestPackageDir(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}
