import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestDirectory, digestFile, sha256Hex } from '@pedigree/domain';
import { ArtifactMissingError } from './artifact-store.ts';
import { createLocalArtifactStore } from './local-artifact-store.ts';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'pedigree-artifacts-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function tree(dir: string, files: Record<string, string>): Promise<string> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n += 1;
  return n;
}

describe('createLocalArtifactStore', () => {
  it('stores a file under its sha256 and returns a location-independent uri', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    const file = path.join(base, 'a.txt');
    await writeFile(file, 'hello');
    const stored = await store.put(file);
    expect(stored).toEqual({
      digest: sha256Hex('hello'),
      size: 5,
      kind: 'file',
      fileCount: 1,
      uri: `pedigree://artifacts/sha256/${sha256Hex('hello').slice(7)}`,
    });
    expect(stored.digest).toBe((await digestFile(file)).digest);
    expect(await store.exists(stored.digest)).toBe(true);
    const handle = await store.get(stored.digest);
    const chunks: Buffer[] = [];
    for await (const c of handle!.open()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
  });

  it('gives a directory the same Merkle digest as digestDirectory and round-trips it', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    const dir = await tree(path.join(base, 'd'), { 'a.csv': '1,2\n', 'sub/b.json': '{"x":1}', 'sub/deeper/c.txt': '' });
    await symlink('a.csv', path.join(dir, 'link'));
    const stored = await store.put(dir);
    const expected = await digestDirectory(dir);
    expect(stored.digest).toBe(expected.digest);
    expect(stored).toMatchObject({ kind: 'directory', size: expected.size, fileCount: 3 });

    const out = path.join(base, 'out', 'restored');
    await store.materialize(stored.digest, out);
    expect((await digestDirectory(out)).digest).toBe(stored.digest);
    expect(await readFile(path.join(out, 'sub', 'b.json'), 'utf8')).toBe('{"x":1}');
    expect((await store.verify(stored.digest)).ok).toBe(true);
  });

  it('stores identical files once, so directories that share files dedupe by file', async () => {
    const root = path.join(base, 'store');
    const store = createLocalArtifactStore({ root });
    const big = 'x'.repeat(10_000);
    const one = await store.put(await tree(path.join(base, 'one'), { 'data.bin': big, 'a.txt': 'a' }));
    const two = await store.put(await tree(path.join(base, 'two'), { 'data.bin': big, 'b.txt': 'b' }));
    expect(one.digest).not.toBe(two.digest);
    expect(await countFiles(path.join(root, 'blobs'))).toBe(3);
    const again = await store.put(path.join(base, 'one'));
    expect(again.digest).toBe(one.digest);
    expect(await countFiles(path.join(root, 'blobs'))).toBe(3);
  });

  it('stores a byte stream', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    const stored = await store.put(Readable.from([Buffer.from('ab'), Buffer.from('c')]));
    expect(stored.digest).toBe(sha256Hex('abc'));
    expect(stored.size).toBe(3);
    const dest = path.join(base, 'x', 'abc.txt');
    await store.materialize(stored.digest, dest);
    expect(await readFile(dest, 'utf8')).toBe('abc');
  });

  it('leaves no partial file under a digest when a write is aborted', async () => {
    const root = path.join(base, 'store');
    const store = createLocalArtifactStore({ root });
    const controller = new AbortController();
    async function* slow(): AsyncIterable<Uint8Array> {
      yield Buffer.from('part');
      controller.abort();
      await new Promise((r) => setTimeout(r, 10));
      yield Buffer.from('rest');
    }
    await expect(store.put(slow(), { signal: controller.signal })).rejects.toThrow();
    expect(await countFiles(path.join(root, 'blobs'))).toBe(0);
    expect(await countFiles(path.join(root, 'tmp'))).toBe(0);
  });

  it('reports a missing or altered blob: exists is false and verify names the problem', async () => {
    const root = path.join(base, 'store');
    const store = createLocalArtifactStore({ root });
    const stored = await store.put(await tree(path.join(base, 'd'), { 'a.txt': 'a', 'b.txt': 'b' }));
    const blobA = path.join(root, 'blobs', sha256Hex('a').slice(7, 9), sha256Hex('a').slice(7));
    await chmod(blobA, 0o644);
    await writeFile(blobA, 'tampered');
    const verified = await store.verify(stored.digest);
    expect(verified.ok).toBe(false);
    expect(verified.problems.join('\n')).toContain('a.txt');
    await rm(blobA);
    expect(await store.exists(stored.digest)).toBe(false);
    expect((await store.verify(stored.digest)).problems.join('\n')).toContain('missing');
    await expect(store.materialize(stored.digest, path.join(base, 'm'))).rejects.toBeInstanceOf(ArtifactMissingError);
  });

  it('refuses malformed digests and reports unknown ones as absent', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    await expect(store.exists('md5:abc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await store.exists(sha256Hex('nothing'))).toBe(false);
    expect(await store.get(sha256Hex('nothing'))).toBeNull();
    await expect(store.materialize(sha256Hex('nothing'), path.join(base, 'm'))).rejects.toMatchObject({ code: 'ARTIFACT_MISSING' });
  });

  it('removes an artifact so that it no longer exists', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    const stored = await store.put(await tree(path.join(base, 'd'), { 'a.txt': 'a' }));
    await store.remove(stored.digest);
    expect(await store.exists(stored.digest)).toBe(false);
  });

  it('stores concurrently written identical content consistently', async () => {
    const store = createLocalArtifactStore({ root: path.join(base, 'store') });
    const dir = await tree(path.join(base, 'd'), { 'a.txt': 'same', 'b/c.txt': 'same too' });
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(dir)));
    expect(new Set(results.map((r) => r.digest)).size).toBe(1);
    expect((await store.verify(results[0]!.digest)).ok).toBe(true);
  });
});
