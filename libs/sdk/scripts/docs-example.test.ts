/**
 * The complete example of docs/sdk.md must compile: the first ```ts block is written into the
 * workspace's tmp/ (so `@pedigree/sdk` resolves), imported and compiled.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { compilePipeline, isPipeline, parseDefinition } from '../src/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const dir = path.join(repoRoot, 'tmp', 'sdk-docs-example', String(process.pid));

describe('docs/sdk.md', () => {
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('its complete example pipeline compiles, validates and round-trips', async () => {
    const doc = await readFile(path.join(repoRoot, 'docs/sdk.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code, 'docs/sdk.md has no ```ts block').toBeTruthy();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'pipeline.ts');
    await writeFile(file, code!);
    const module = (await import(pathToFileURL(file).href)) as { default: unknown };
    expect(isPipeline(module.default)).toBe(true);
    const compiled = compilePipeline(module.default as never, { projectRoot: dir });
    expect(compiled.definition.steps.map((s) => s.name)).toEqual([
      'PrepareData',
      'TrainModel',
      'EvaluateModel',
      'CheckAccuracy',
      'RegisterModel',
      'AccuracyTooLow',
    ]);
    expect(parseDefinition(compiled.json)).toEqual(compiled.definition);
    expect(compiled.json).not.toContain(dir);

    // The example must also typecheck under the repository's strict settings.
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(repoRoot, 'tsconfig.base.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram([file], { ...config!.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);
});
