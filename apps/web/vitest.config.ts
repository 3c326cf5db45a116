// Unit/component tests (jsdom) and the end-to-end suite (real Chromium, node environment through
// the docblock in each e2e file) in one run, so that `npm test` reports them together.
import react from '@vitejs/plugin-react';
import { mergeConfig } from 'vitest/config';
import { defineProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  defineProjectConfig('web', {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.e2e.test.ts'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  }),
  { plugins: [react()] },
);
