import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

/*
 * The web client's generated GraphQL types (apps/web/src/gql, graphql-codegen's client preset) must
 * be what its codegen config makes from the committed schema.graphql and the operations in its
 * components: CI fails here when a schema change or a new operation was not followed by
 * `npm run codegen -w @pedigree/web`. The server's and the CLI's generated types have their own
 * drift tests (apps/api/test/schema.test.ts, apps/cli/test/codegen.test.ts). The config is loaded
 * from apps/web/codegen.ts itself, so the check cannot drift from the command.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const webRoot = path.join(repoRoot, 'apps/web');

interface GeneratedFile {
  readonly filename: string;
  readonly content: string;
}

describe('the web client’s generated GraphQL types', () => {
  it('match apps/web/src/gql as committed (run `npm run codegen -w @pedigree/web`)', async () => {
    // A computed path: the config belongs to apps/web, which tools may read but not import statically.
    const configUrl = pathToFileURL(path.join(webRoot, 'codegen.ts')).href;
    const { hooks: _formatHook, ...config } = ((await import(configUrl)) as { default: CodegenConfig }).default;
    // The client preset as apps/web installs it (the repository root holds another major version of it).
    const presetPath = createRequire(path.join(webRoot, 'package.json')).resolve('@graphql-codegen/client-preset');
    const { preset } = (await import(pathToFileURL(presetPath).href)) as { preset: unknown };
    const generates = Object.fromEntries(
      Object.entries(config.generates).map(([target, output]) => {
        const settings = output as { preset?: unknown };
        return [target, settings.preset === 'client' ? { ...settings, preset } : settings];
      }),
    ) as CodegenConfig['generates'];
    const files = (await generate({ ...config, generates, cwd: webRoot, silent: true }, false)) as GeneratedFile[];
    expect(files.map((f) => f.filename).sort()).toEqual(readdirSync(path.join(webRoot, 'src/gql')).map((f) => `src/gql/${f}`));
    for (const file of files) {
      const target = path.join(webRoot, file.filename);
      const options = (await prettier.resolveConfig(target)) ?? {};
      const expected = await prettier.format(file.content, { ...options, filepath: target });
      expect(readFileSync(target, 'utf8'), `${file.filename} is stale`).toBe(expected);
    }
  }, 120_000);
});
