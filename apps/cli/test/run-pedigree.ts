import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(CLI_ROOT, '../..');
export const BIN = path.join(CLI_ROOT, 'bin', 'pedigree.mjs');
export const IRIS_PIPELINE = path.join(REPO_ROOT, 'examples/iris/src/pipeline.ts');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `pedigree` binary in a child process (stdout and stderr are pipes, so it takes its
 * non-terminal, plain-lines path). The environment is minimal and explicit: no inherited
 * PEDIGREE_* settings can leak into a test.
 */
export function pedigree(
  args: readonly string[],
  options: { dataDir?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    NO_COLOR: '1',
    PEDIGREE_USER: 'test-user',
    ...(options.dataDir ? { PEDIGREE_DATA_DIR: options.dataDir } : {}),
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, cwd: options.cwd ?? REPO_ROOT, timeout: 90_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A private copy of the iris project (data and step handlers), so tests can alter its dataset. */
export async function copyIrisProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-iris-'));
  await cp(path.join(REPO_ROOT, 'examples/iris/data'), path.join(dir, 'data'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'examples/iris/src'), path.join(dir, 'src'), { recursive: true });
  return dir;
}
