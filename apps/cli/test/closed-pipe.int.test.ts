import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './run-pedigree.ts';

describe('pedigree writing into a pipe whose reader has gone (`pedigree ... | head -1`)', () => {
  it('exits quietly with code 0 instead of crashing with an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close our end of stdout before the CLI writes: its next write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error:|at /);
    expect(code).toBe(0);
  });
});
