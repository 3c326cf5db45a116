import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileDigestCache, handlerCode } from './code-digest.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pedigree-code-'));
  const files: Record<string, string> = {
    'project/steps/train.ts': [
      "import { fit } from '../ml/fit.js';",
      "import type { Row } from '../ml/types';",
      "import 'node:fs';",
      "import lodash from 'lodash';",
      "export { helper } from './helper.ts';",
      "const lazy = () => import('./lazy.mjs');",
      "const cfg = require('../config.json');",
      "import outside from '../../outside.ts';",
    ].join('\n'),
    'project/ml/fit.ts': "import { dot } from './linalg/index.js';\nexport const fit = dot;",
    'project/ml/linalg/index.ts': 'export const dot = 1;',
    'project/ml/types.ts': 'export type Row = number[];',
    'project/steps/helper.ts': 'export const helper = 1;',
    'project/steps/lazy.mjs': 'export default 1;',
    'project/config.json': '{"a":1}',
    'outside.ts': 'export default 1;',
  };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('handlerCode', () => {
  it('keys the same code alike whichever directory is taken as the project root', async () => {
    const root = path.join(dir, 'project');
    const fromProject = await handlerCode(path.join(root, 'steps/train.ts'), root, new FileDigestCache());
    const fromParent = await handlerCode(path.join(root, 'steps/train.ts'), dir, new FileDigestCache());
    expect(fromParent.digest).toBe(fromProject.digest);
    // The parent root also reaches ../../outside.ts; every file both roots see has the same key.
    for (const [rel, digest] of Object.entries(fromProject.files)) expect(fromParent.files[rel]).toBe(digest);
  });

  it('digests the project files a handler imports, transitively, and nothing outside the project or in packages', async () => {
    const root = path.join(dir, 'project');
    const code = await handlerCode(path.join(root, 'steps/train.ts'), root, new FileDigestCache());
    // Keyed relative to the module's directory (steps/), not the project root.
    expect(Object.keys(code.files).sort()).toEqual([
      '../config.json',
      '../ml/fit.ts',
      '../ml/linalg/index.ts',
      '../ml/types.ts',
      'helper.ts',
      'lazy.mjs',
    ]);
    expect(code.digest).toMatch(/^sha256:/);
    // The same digests with absolute paths and sizes, module first: what the Code artifacts are recorded from.
    expect(code.sources[0]).toEqual({ path: path.join(root, 'steps/train.ts'), digest: code.digest, size: expect.any(Number) as number });
    expect(Object.fromEntries(code.sources.slice(1).map((s) => [path.relative(path.join(root, 'steps'), s.path), s.digest]))).toEqual(
      code.files,
    );
    expect(code.sources.find((s) => s.path.endsWith('config.json'))!.size).toBe(7);
  });
});
