import { defineProjectConfig } from '../../vitest.shared.ts';

// The CLI suite starts the real binary in child processes; on a busy two-core machine one call
// can take several seconds, so tests get more time and fewer of them run at once.
export default defineProjectConfig('cli', { testTimeout: 120_000, hookTimeout: 180_000, maxConcurrency: 4 });
