import { CommanderError } from 'commander';
import { createProgram } from './program.ts';
import { createOutput, type Output } from './output.ts';
import { describeError, EXIT_OK, EXIT_USAGE, exitCodeFor } from './errors.ts';

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Errors become one
 * line on stderr ("error: ..."), detail lines where they help, and a stack trace only with --verbose.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  out: Output = createOutput({ env }),
): Promise<number> {
  const program = createProgram(out, env);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit 0; commander already printed its one-line message otherwise.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
      return EXIT_USAGE;
    }
    const { message, details } = describeError(error);
    out.error(`error: ${message}`);
    for (const d of details) out.error(d);
    if (verbose && error instanceof Error && error.stack) out.error(error.stack);
    return exitCodeFor(error);
  }
}
