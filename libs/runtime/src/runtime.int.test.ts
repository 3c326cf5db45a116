import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDefinition } from '@pedigree/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createSilentLogger } from './logger.ts';
import { createRuntime, type Runtime } from './runtime.ts';

const writeOutput = "require('fs').writeFileSync(process.env.PEDIGREE_OUTPUT_OUT + '/hello.txt', 'hello')";

describe('createRuntime', () => {
  const dirs: string[] = [];
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-runtime-'));
    dirs.push(dir);
    return dir;
  }

  it('opens the embedded store under the data directory and runs a pipeline end to end', async () => {
    const dir = tempDir();
    const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: 'data' }, { cwd: dir }), { logger: createSilentLogger() });
    runtimes.push(runtime);
    expect(runtime.store.adapter).toBe('sqlite');
    expect(await runtime.store.health()).toMatchObject({ ok: true });

    const definition = parseDefinition({
      schemaVersion: '1',
      name: 'hello',
      steps: [
        {
          name: 'make',
          type: 'processing',
          run: {
            kind: 'command',
            argv: [
              { kind: 'literal', value: process.execPath },
              { kind: 'literal', value: '-e' },
              { kind: 'literal', value: writeOutput },
            ],
          },
          outputs: [{ name: 'out', type: 'DataSet' }],
        },
      ],
    });
    const id = await runtime.executor.start(definition, {});
    const execution = await runtime.executor.wait(id);
    expect(execution.status).toBe('Succeeded');
    const artifacts = await runtime.store.listArtifacts({ types: ['DataSet'] });
    expect(artifacts.items).toHaveLength(1);
    expect(await runtime.artifacts.exists(artifacts.items[0]!.digest)).toBe(true);
  });

  it('close() is idempotent and leaves the database reopenable', async () => {
    const dir = tempDir();
    const config = loadConfig({ PEDIGREE_DATA_DIR: dir }, { cwd: dir });
    const first = await createRuntime(config, { logger: createSilentLogger() });
    await first.close();
    await first.close();
    const second = await createRuntime(config, { logger: createSilentLogger() });
    runtimes.push(second);
    expect((await second.store.health()).ok).toBe(true);
  });

  it('names PEDIGREE_DATA_DIR when the directory cannot be created', async () => {
    const dir = tempDir();
    // A data directory below a regular file can never be created (ENOTDIR).
    writeFileSync(path.join(dir, 'file'), '');
    const config = loadConfig({ PEDIGREE_DATA_DIR: 'file/data' }, { cwd: dir });
    await expect(createRuntime(config, { logger: createSilentLogger() })).rejects.toMatchObject({
      code: 'CONFIGURATION_INVALID',
      context: { setting: 'PEDIGREE_DATA_DIR' },
    });
  });
});
