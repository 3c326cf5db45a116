import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';

/** Adds the examples to a command's help and hands back the command; `context` gives a running action its context. */
export interface CommandSetup {
  (command: Command, helpText: string): Command;
  context(command: Command): CommandContext;
}

export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
