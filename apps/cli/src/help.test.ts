import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createOutput } from './output.ts';
import { createProgram } from './program.ts';
import { runCli } from './run-cli.ts';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c) => (chunks.out += String(c)));
  stderr.on('data', (c) => (chunks.err += String(c)));
  return { out: createOutput({ stdout, stderr, env: { NO_COLOR: '1' } }), chunks };
}

function leafCommands(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => (c.commands.length ? leafCommands(c, [...prefix, c.name()]) : [[...prefix, c.name()]]));
}

describe('help', () => {
  const { out } = capture();
  const commands = leafCommands(createProgram(out, {}));

  it('covers every command of the issue', () => {
    const names = commands.map((c) => c.join(' '));
    for (const expected of [
      'validate',
      'run',
      'upsert',
      'start',
      'executions list',
      'executions show',
      'executions stop',
      'executions retry',
      'executions logs',
      'lineage',
      'impact',
      'provenance',
      'cache explain',
      'cache invalidate',
      'models list',
      'models approve',
      'models reject',
      'report',
      'verify',
      'diff',
      'serve',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(commands.map((c) => [c.join(' ')]))('%s --help shows examples and exits 0', async (name) => {
    const { out: o, chunks } = capture();
    const code = await runCli([...name.split(' '), '--help'], {}, o);
    expect(code).toBe(0);
    expect(chunks.out).toMatch(/Examples:\n {2}\$ pedigree /);
  });

  it('offers --json on every command that prints results', () => {
    const quiet = new Set(['serve', 'executions logs']);
    const program = createProgram(out, {});
    const find = (path: string[]): Command => path.reduce<Command>((c, n) => c.commands.find((x) => x.name() === n)!, program);
    for (const c of commands) {
      if (quiet.has(c.join(' '))) continue;
      expect(
        find(c).options.map((o) => o.long),
        c.join(' '),
      ).toContain('--json');
    }
  });
});
