import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestBytes, digestDirectory, digestFile, digestPath } from './digest.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pedigree-digest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
}

describe('digests', () => {
  it('hashes bytes with sha256 (known vector)', () => {
    expect(digestBytes('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('streams a file to the same digest as its bytes and reports its size', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024 + 7);
    await writeFile(path.join(dir, 'big.bin'), big);
    const d = await digestFile(path.join(dir, 'big.bin'));
    expect(d).toEqual({ digest: digestBytes(big), size: big.length, kind: 'file', fileCount: 1 });
  });

  it('hashes the same tree alike wherever it lives and whatever its timestamps', async () => {
    await tree(path.join(dir, 'a'), { 'x.txt': '1', 'sub/y.txt': '2', 'sub/z/w.txt': '3' });
    await tree(path.join(dir, 'b'), { 'sub/z/w.txt': '3', 'x.txt': '1', 'sub/y.txt': '2' });
    await utimes(path.join(dir, 'b', 'x.txt'), new Date(0), new Date(0));
    const a = await digestDirectory(path.join(dir, 'a'));
    const b = await digestDirectory(path.join(dir, 'b'));
    expect(a.digest).toBe(b.digest);
    expect(a).toMatchObject({ kind: 'directory', size: 3, fileCount: 3 });
  });

  it('changes when a byte, a name or the structure changes', async () => {
    await tree(path.join(dir, 'base'), { 'x.txt': 'hello', 'sub/y.txt': 'world' });
    await tree(path.join(dir, 'byte'), { 'x.txt': 'hellp', 'sub/y.txt': 'world' });
    await tree(path.join(dir, 'name'), { 'x2.txt': 'hello', 'sub/y.txt': 'world' });
    await tree(path.join(dir, 'moved'), { 'x.txt': 'hello', 'y.txt': 'world', 'sub/.keep': '' });
    const digests = await Promise.all(['base', 'byte', 'name', 'moved'].map((d) => digestDirectory(path.join(dir, d))));
    expect(new Set(digests.map((d) => d.digest)).size).toBe(4);
  });

  it('does not confuse a file with a directory holding the same bytes', async () => {
    await writeFile(path.join(dir, 'f'), 'data');
    await tree(path.join(dir, 'd'), { f: 'data' });
    expect((await digestPath(path.join(dir, 'f'))).digest).not.toBe((await digestPath(path.join(dir, 'd'))).digest);
  });

  it('hashes an empty directory to a fixed value and symlinks by their target text', async () => {
    await mkdir(path.join(dir, 'empty1'));
    await mkdir(path.join(dir, 'empty2'));
    expect((await digestDirectory(path.join(dir, 'empty1'))).digest).toBe((await digestDirectory(path.join(dir, 'empty2'))).digest);
    await tree(path.join(dir, 'l1'), { t: 'x' });
    await symlink('t', path.join(dir, 'l1', 'link'));
    await tree(path.join(dir, 'l2'), { t: 'x' });
    await symlink('elsewhere', path.join(dir, 'l2', 'link'));
    expect((await digestDirectory(path.join(dir, 'l1'))).digest).not.toBe((await digestDirectory(path.join(dir, 'l2'))).digest);
  });
});
