import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  lstatSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, stat, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, isDigest, sha256Hex, type Digest } from '@pedigree/domain';
import {
  ArtifactCorruptError,
  ArtifactMissingError,
  type ArtifactHandle,
  type ArtifactStore,
  type DirectoryEntry,
  type PutOptions,
  type StoredArtifact,
  type VerifyResult,
} from './artifact-store.ts';

export interface LocalArtifactStoreOptions {
  /** Directory that holds the store (created when missing), e.g. `<dataDir>/artifacts`. */
  readonly root: string;
}

/** The URI scheme of stored content: location-independent, so it can enter lineage and never a cache key's path. */
export const ARTIFACT_URI_PREFIX = 'pedigree://artifacts/sha256/';

const MANIFEST_FORMAT = 'pedigree-dir-v1';
/** Files up to this size are read whole and hashed in memory; larger ones are copied and hashed as a stream. */
const SMALL_FILE_BYTES = 4 * 1024 * 1024;

interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly digest: Digest;
  readonly size: number;
  readonly fileCount: number;
  readonly entries: readonly DirectoryEntry[];
}

/**
 * The local filesystem adapter of `ArtifactStore`.
 *
 * Layout under `root`:
 * - `blobs/<first 2 hex>/<hex>`: file contents, named by their sha256, read-only (0444);
 * - `manifests/<first 2 hex>/<hex>.json`: a directory as the list of its entries (name, kind,
 *   digest), named by the directory's Merkle digest (the same digest as `digestDirectory` in
 *   `@pedigree/domain`); a sub-directory is an entry pointing at its own manifest, so two
 *   directories that share files share their blobs;
 * - `tmp/`: partial writes. Every blob and manifest is written to `tmp/` first and renamed into
 *   place, so a reader (or a process killed mid-write) never sees a partial file under a digest.
 *
 * URIs are `pedigree://artifacts/sha256/<hex>` for files and directories alike: the digest is the
 * address, never the path of the data directory.
 */
export function createLocalArtifactStore(options: LocalArtifactStoreOptions): ArtifactStore {
  const root = path.resolve(options.root);
  const tmpDir = path.join(root, 'tmp');
  const manifestCache = new Map<string, Manifest>();
  // Fan-out directories already created (they are never removed), to save a mkdir per write.
  const knownDirs = new Set<string>();
  let ready: Promise<void> | null = null;

  const ensureReady = (): Promise<void> => {
    ready ??= Promise.all([
      mkdir(tmpDir, { recursive: true }),
      mkdir(path.join(root, 'blobs'), { recursive: true }),
      mkdir(path.join(root, 'manifests'), { recursive: true }),
    ]).then(() => undefined);
    return ready;
  };

  const hexOf = (digest: string): string => {
    if (!isDigest(digest)) throw new InvalidArgumentError('digest', `expected sha256:<64 hex>, got ${JSON.stringify(digest)}`);
    return digest.slice('sha256:'.length);
  };
  const blobPath = (digest: string): string => {
    const hex = hexOf(digest);
    return path.join(root, 'blobs', hex.slice(0, 2), hex);
  };
  const manifestPath = (digest: string): string => {
    const hex = hexOf(digest);
    return path.join(root, 'manifests', hex.slice(0, 2), `${hex}.json`);
  };
  const tmpPath = (): string => path.join(tmpDir, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`);
  const uriFor = (digest: string): string => `${ARTIFACT_URI_PREFIX}${hexOf(digest)}`;

  // Small metadata and small-file operations are synchronous on purpose: a round trip through
  // libuv's thread pool costs several times the work itself for the tiny files most steps write
  // (measured ~3x on the project's machines), and these calls never block for long.
  async function isFile(p: string): Promise<boolean> {
    return isFileSync(p);
  }
  function isFileSync(p: string): boolean {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  }

  /** Moves a finished temp file to its content address; the rename is atomic, and identical content may safely replace identical content. */
  /** Moves a hashed temp file into place as the blob of `digest`, or drops it when that blob exists already. */
  async function adopt(tmp: string, digest: Digest): Promise<void> {
    const final = blobPath(digest);
    if (await isFile(final)) {
      await rm(tmp, { force: true });
    } else {
      await chmod(tmp, 0o444);
      commit(tmp, final);
    }
  }

  function commit(tmp: string, final: string): void {
    const parent = path.dirname(final);
    if (!knownDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      knownDirs.add(parent);
    }
    renameSync(tmp, final);
  }

  async function putFile(file: string, signal?: AbortSignal, knownSize?: number): Promise<{ digest: Digest; size: number }> {
    const size = knownSize ?? statSync(file).size;
    if (size <= SMALL_FILE_BYTES) {
      // Small files (most step outputs): one read, hash in memory, write only when new. What is stored is the bytes that were hashed.
      const bytes = readFileSync(file);
      signal?.throwIfAborted();
      const digest = sha256Hex(bytes);
      const final = blobPath(digest);
      if (!isFileSync(final)) {
        const tmp = tmpPath();
        try {
          writeFileSync(tmp, bytes, { mode: 0o444 });
          commit(tmp, final);
        } catch (error) {
          rmSync(tmp, { force: true });
          throw error;
        }
      }
      return { digest, size: bytes.length };
    }
    // Large files: copy first, hash the copy, so what is stored is exactly what was hashed even if the source changes meanwhile.
    const tmp = tmpPath();
    try {
      await copyFile(file, tmp);
      signal?.throwIfAborted();
      const { digest, size } = await hashFile(tmp);
      await adopt(tmp, digest);
      return { digest, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async function putStream(source: Readable | AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<{ digest: Digest; size: number }> {
    const tmp = tmpPath();
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const readable = source instanceof Readable ? source : Readable.from(source);
      await pipeline(readable, tap, createWriteStream(tmp), signal ? { signal } : {});
      const digest = `sha256:${hash.digest('hex')}` as Digest;
      await adopt(tmp, digest);
      return { digest, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  function writeManifest(manifest: Manifest): void {
    const final = manifestPath(manifest.digest);
    manifestCache.set(manifest.digest, manifest);
    if (isFileSync(final)) return;
    const tmp = tmpPath();
    writeFileSync(tmp, JSON.stringify(manifest));
    commit(tmp, final);
  }

  async function putDirectory(dir: string, signal?: AbortSignal): Promise<Manifest> {
    const dirents = readdirSync(dir, { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const entries: DirectoryEntry[] = [];
    let size = 0;
    let fileCount = 0;
    for (const dirent of dirents) {
      signal?.throwIfAborted();
      if (dirent.name.includes('\n'))
        throw new InvalidArgumentError(path.join(dir, dirent.name), 'file names with newlines cannot be stored');
      const full = path.join(dir, dirent.name);
      if (dirent.isSymbolicLink()) {
        const target = readlinkSync(full);
        entries.push({ name: dirent.name, kind: 'symlink', digest: sha256Hex(target), size: 0, target });
      } else if (dirent.isDirectory()) {
        const sub = await putDirectory(full, signal);
        size += sub.size;
        fileCount += sub.fileCount;
        entries.push({ name: dirent.name, kind: 'directory', digest: sub.digest, size: sub.size });
      } else if (dirent.isFile()) {
        const file = await putFile(full, signal);
        size += file.size;
        fileCount += 1;
        entries.push({ name: dirent.name, kind: 'file', digest: file.digest, size: file.size });
      }
      // Sockets, FIFOs and devices are not content (the same rule as digestDirectory).
    }
    const manifest: Manifest = { format: MANIFEST_FORMAT, digest: directoryDigest(entries), size, fileCount, entries };
    writeManifest(manifest);
    return manifest;
  }

  async function readManifest(digest: string): Promise<Manifest | null> {
    const cached = manifestCache.get(digest);
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(manifestPath(digest), 'utf8');
    } catch {
      return null;
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(text) as Manifest;
    } catch (error) {
      throw new ArtifactCorruptError(digest, `Manifest of ${digest} is not valid JSON: ${(error as Error).message}`);
    }
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.entries) || manifest.digest !== digest) {
      throw new ArtifactCorruptError(digest, `Manifest of ${digest} is malformed`);
    }
    manifestCache.set(digest, manifest);
    return manifest;
  }

  function toStored(digest: Digest, kind: 'file' | 'directory', size: number, fileCount: number): StoredArtifact {
    return { digest, size, uri: uriFor(digest), kind, fileCount };
  }

  async function existsDeep(digest: string): Promise<boolean> {
    if (await isFile(blobPath(digest))) return true;
    // The manifest file itself, not only the in-memory copy: something outside may have removed it.
    if (!(await isFile(manifestPath(digest)))) return false;
    let manifest: Manifest | null;
    try {
      manifest = await readManifest(digest);
    } catch {
      return false;
    }
    if (!manifest) return false;
    for (const entry of manifest.entries) {
      if (entry.kind === 'symlink') continue;
      if (entry.kind === 'file' ? !(await isFile(blobPath(entry.digest))) : !(await existsDeep(entry.digest))) return false;
    }
    return true;
  }

  async function materializeInto(digest: string, destination: string): Promise<StoredArtifact> {
    const blob = blobPath(digest);
    const st = statSync(blob, { throwIfNoEntry: false });
    if (st?.isFile()) {
      mkdirSync(path.dirname(destination), { recursive: true });
      await copyBlob(blob, destination, st.size);
      return toStored(digest as Digest, 'file', st.size, 1);
    }
    const manifest = await readManifest(digest);
    if (!manifest) throw new ArtifactMissingError(digest);
    mkdirSync(destination, { recursive: true });
    for (const entry of manifest.entries) {
      const target = path.join(destination, entry.name);
      if (entry.kind === 'symlink') {
        await symlink(entry.target ?? '', target);
      } else if (entry.kind === 'file') {
        const source = blobPath(entry.digest);
        if (!isFileSync(source))
          throw new ArtifactMissingError(entry.digest, `Blob ${entry.digest} of ${digest} (${entry.name}) is not in the artifact store`);
        await copyBlob(source, target, entry.size);
      } else {
        await materializeInto(entry.digest, target);
      }
    }
    return toStored(manifest.digest, 'directory', manifest.size, manifest.fileCount);
  }

  async function verifyInto(digest: string, where: string, problems: string[]): Promise<void> {
    const blob = blobPath(digest);
    if (await isFile(blob)) {
      const actual = await hashFile(blob);
      if (actual.digest !== digest) problems.push(`${where}: blob ${digest} hashes to ${actual.digest}`);
      return;
    }
    let manifest: Manifest | null;
    try {
      manifest = await readManifest(digest);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
      return;
    }
    if (!manifest) {
      problems.push(`${where}: ${digest} is missing`);
      return;
    }
    const recomputed = directoryDigest(manifest.entries);
    if (recomputed !== digest) problems.push(`${where}: manifest of ${digest} hashes to ${recomputed}`);
    for (const entry of manifest.entries) {
      const at = `${where}/${entry.name}`;
      if (entry.kind === 'symlink') {
        if (sha256Hex(entry.target ?? '') !== entry.digest) problems.push(`${at}: symlink target does not match its digest`);
      } else if (entry.kind === 'file') {
        if (!(await isFile(blobPath(entry.digest)))) problems.push(`${at}: blob ${entry.digest} is missing`);
        else await verifyInto(entry.digest, at, problems);
      } else {
        await verifyInto(entry.digest, at, problems);
      }
    }
  }

  return {
    uriFor,

    async put(source, putOptions: PutOptions = {}) {
      await ensureReady();
      const { signal } = putOptions;
      if (typeof source === 'string') {
        const st = lstatSync(source);
        if (st.isDirectory()) {
          const manifest = await putDirectory(source, signal);
          return toStored(manifest.digest, 'directory', manifest.size, manifest.fileCount);
        }
        if (!st.isFile()) throw new InvalidArgumentError('source', `${source} is neither a regular file nor a directory`);
        const { digest, size } = await putFile(source, signal, st.size);
        return toStored(digest, 'file', size, 1);
      }
      const { digest, size } = await putStream(source, signal);
      return toStored(digest, 'file', size, 1);
    },

    async get(digest) {
      const blob = blobPath(digest);
      if (await isFile(blob)) {
        const st = await stat(blob);
        return { ...toStored(digest as Digest, 'file', st.size, 1), entries: [], open: () => createReadStream(blob) };
      }
      const manifest = await readManifest(digest);
      if (!manifest) return null;
      return {
        ...toStored(manifest.digest, 'directory', manifest.size, manifest.fileCount),
        entries: manifest.entries,
        open: () => {
          throw new InvalidArgumentError('digest', `${digest} is a directory; read its entries instead`);
        },
      } satisfies ArtifactHandle;
    },

    async exists(digest) {
      hexOf(digest);
      return existsDeep(digest);
    },

    async materialize(digest, destination) {
      hexOf(digest);
      rmSync(destination, { recursive: true, force: true });
      return materializeInto(digest, destination);
    },

    async verify(digest) {
      const problems: string[] = [];
      hexOf(digest);
      manifestCache.delete(digest);
      await verifyInto(digest, digest, problems);
      return { digest: digest as Digest, ok: problems.length === 0, problems } satisfies VerifyResult;
    },

    async remove(digest) {
      manifestCache.delete(digest);
      await unlink(blobPath(digest)).catch(() => undefined);
      await unlink(manifestPath(digest)).catch(() => undefined);
    },
  };
}

/** Copies a blob out of the store, writable (0644) so that a step may change its own copy. */
async function copyBlob(source: string, target: string, size: number): Promise<void> {
  if (size <= SMALL_FILE_BYTES) {
    copyFileSync(source, target);
    chmodSync(target, 0o644);
    return;
  }
  await copyFile(source, target);
  await chmod(target, 0o644);
}

async function hashFile(file: string): Promise<{ digest: Digest; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { digest: `sha256:${hash.digest('hex')}` as Digest, size };
}

/** The Merkle digest of a directory from its entries; must equal `digestDirectory` of `@pedigree/domain` for the same tree. */
function directoryDigest(entries: readonly DirectoryEntry[]): Digest {
  const code = { file: 'f', directory: 'd', symlink: 'l' } as const;
  const lines = entries.map((e) => `${code[e.kind]} ${e.name} ${e.digest}\n`).join('');
  return sha256Hex(`${MANIFEST_FORMAT}\n${lines}`);
}
