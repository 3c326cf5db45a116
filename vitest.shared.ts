// Shared vitest settings for every project. Each project writes a JSON report that
// tools/scripts/run-tests.mjs adds up into the one summary line `npm test` ends with.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export function defineProjectConfig(name: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: path.join(root, 'tmp', 'test-reports', `${name}.json`) }]],
      testTimeout: 20_000,
      hookTimeout: 30_000,
      pool: 'forks',
      passWithNoTests: true,
      ...overrides,
    },
  });
}
