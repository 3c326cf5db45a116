import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from './errors.ts';
import type { Digest } from './ids.ts';
import { sha256Hex } from './canonical-json.ts';

export interface ContentDigest {
  readonly digest: Digest;
  /** Bytes; for a directory the sum of its files' sizes. */
  readonly size: number;
  readonly kind: 'file' | 'directory';
  /** Number of regular files covered (1 for a file). */
  readonly fileCount: number;
}

/** sha256 of bytes, as `sha256:<hex>`. */
export function digestBytes(bytes: Uint8Array | string): Digest {
  return sha256Hex(bytes);
}

/** Streams a file through sha256 (constant memory, any size). */
export async function digestFile(filePath: string): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(filePath)) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { digest: `sha256:${hash.digest('hex')}` as Digest, size, kind: 'file', fileCount: 1 };
}

/**
 * Merkle digest of a directory: each entry contributes a line `<kind> <name> <digest>` (kind `f`
 * for a file, `d` for a directory, `l` for a symlink, whose digest is that of its target text), lines
 * sorted by name in code-unit order, and the directory's digest is sha256 over `pedigree-dir-v1\n`
 * plus those lines. Names, contents and structure count; timestamps, permissions and the
 * directory's own path do not, so the same tree hashes alike anywhere.
 */
export async function digestDirectory(dirPath: string): Promise<ContentDigest> {
  const entries = await readdir(dirPath, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[] = [];
  let size = 0;
  let fileCount = 0;
  for (const entry of entries) {
    if (entry.name.includes('\n'))
      throw new InvalidArgumentError(path.join(dirPath, entry.name), 'file names with newlines cannot be hashed');
    const full = path.join(dirPath, entry.name);
    if (entry.isSymbolicLink()) {
      lines.push(`l ${entry.name} ${sha256Hex(await readlink(full))}`);
    } else if (entry.isDirectory()) {
      const sub = await digestDirectory(full);
      size += sub.size;
      fileCount += sub.fileCount;
      lines.push(`d ${entry.name} ${sub.digest}`);
    } else if (entry.isFile()) {
      const file = await digestFile(full);
      size += file.size;
      fileCount += 1;
      lines.push(`f ${entry.name} ${file.digest}`);
    }
    // Sockets, FIFOs and devices are not content; they are left out on purpose.
  }
  const digest = sha256Hex(`pedigree-dir-v1\n${lines.map((l) => `${l}\n`).join('')}`);
  return { digest, size, kind: 'directory', fileCount };
}

/** Digest of a file or a directory, whichever `p` is. */
export async function digestPath(p: string): Promise<ContentDigest> {
  const st = await lstat(p);
  if (st.isDirectory()) return digestDirectory(p);
  if (st.isFile()) return digestFile(p);
  throw new InvalidArgumentError(p, 'only regular files and directories can be hashed');
}
