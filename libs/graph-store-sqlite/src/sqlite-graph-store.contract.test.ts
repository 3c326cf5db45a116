import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGraphStoreContract } from '@pedigree/graph-store/testing';
import { afterAll } from 'vitest';
import { createSqliteGraphStore } from './index.ts';

runGraphStoreContract({ name: 'sqlite (:memory:)', create: async () => createSqliteGraphStore({ path: ':memory:' }) });

// The same suite on a WAL file, where durability settings and the file format are exercised.
const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-sqlite-contract-'));
let opened = 0;
runGraphStoreContract({
  name: 'sqlite (temp file)',
  create: async () => createSqliteGraphStore({ path: path.join(dir, `store-${opened++}.db`) }),
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
