import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { digestFile, type Digest } from '@pedigree/domain';

/** A code file the cache key covers, as digested: what its `Code` artifact is recorded from. */
export interface CodeFile {
  /** Absolute path. */
  readonly path: string;
  readonly digest: Digest;
  /** Bytes. */
  readonly size: number;
}

/** Digests of project files, remembered by (path, size, mtime) so that unchanged code is not re-read for every step. */
export class FileDigestCache {
  private readonly entries = new Map<string, { size: number; mtimeMs: number; digest: Digest }>();
  async digest(file: string): Promise<Digest> {
    return (await this.file(file)).digest;
  }
  /** The file's digest and size (one stat; the bytes are read only when the file is new or changed). */
  async file(file: string): Promise<CodeFile> {
    const st = statSync(file);
    const known = this.entries.get(file);
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return { path: file, digest: known.digest, size: known.size };
    const { digest, size } = await digestFile(file);
    this.entries.set(file, { size: st.size, mtimeMs: st.mtimeMs, digest });
    return { path: file, digest, size };
  }
}

export interface HandlerCode {
  /** The handler module's own digest. */
  readonly digest: Digest;
  /**
   * Path relative to the module's own directory -> digest of every project file the module imports,
   * directly or not (not the module itself). Relative to the module, not the project root, so the
   * same code keys alike whichever directory a caller takes as the project root.
   */
  readonly files: Readonly<Record<string, Digest>>;
  /** The module and every file in `files`, module first, with absolute paths and sizes (for the `Code` artifacts). */
  readonly sources: readonly CodeFile[];
}

// Static imports, re-exports, side-effect imports, literal dynamic imports and requires. A regex
// scan, not a parser: a false match inside a comment resolves to nothing or to a real file (which
// then merely enters the key); what it can miss is an import built at run time.
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The file a relative specifier names, the way Node and TypeScript would find it; null when none does. */
export function resolveRelativeImport(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier.split('?')[0]!);
  if (isFile(base)) return base;
  const ext = path.extname(base);
  for (const alt of JS_TO_TS[ext] ?? []) if (isFile(base.slice(0, -ext.length) + alt)) return base.slice(0, -ext.length) + alt;
  for (const e of EXTENSIONS) if (isFile(base + e)) return base + e;
  for (const e of EXTENSIONS) if (isFile(path.join(base, `index${e}`))) return path.join(base, `index${e}`);
  return null;
}

/**
 * The handler module's digest and those of every project file it imports through relative
 * specifiers, transitively: editing a helper the handler imports changes the cache key (and the
 * code version that makes warm workers load the new code). Packages (bare specifiers) are left out:
 * they change with the lock file, not with the project's code.
 */
export async function handlerCode(modulePath: string, projectRoot: string, digests: FileDigestCache): Promise<HandlerCode> {
  const files: Record<string, Digest> = {};
  const seen = new Set<string>([modulePath]);
  const queue = [modulePath];
  const sources: CodeFile[] = [];
  let entry: Digest | null = null;
  while (queue.length > 0) {
    const file = queue.shift()!;
    const source = await digests.file(file);
    const digest = source.digest;
    sources.push(source);
    if (file === modulePath) entry = digest;
    else files[path.relative(path.dirname(modulePath), file).split(path.sep).join('/')] = digest;
    if (file.endsWith('.json')) continue;
    const text = await readFile(file, 'utf8');
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const resolved = resolveRelativeImport(file, match[1]!);
        if (!resolved || seen.has(resolved)) continue;
        const rel = path.relative(projectRoot, resolved);
        if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return { digest: entry!, files, sources };
}
