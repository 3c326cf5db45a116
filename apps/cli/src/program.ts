import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { CommandContext, GlobalOptions } from './context.ts';
import type { Output } from './output.ts';
import { registerCacheCommands } from './commands/cache.ts';
import { registerDiffCommand } from './commands/diff.ts';
import { registerExecutionCommands } from './commands/executions.ts';
import { registerLineageCommands } from './commands/lineage.ts';
import { registerModelCommands } from './commands/models.ts';
import { registerPipelineCommands } from './commands/pipelines.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerServeCommand } from './commands/serve.ts';
import type { CommandSetup } from './commands/shared.ts';

/** The version in apps/cli/package.json: what `--version` prints and reports record. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

const OVERVIEW = `
Environment:
  PEDIGREE_DATA_DIR   embedded store and artifacts (default ./.pedigree; --data-dir wins)
  PEDIGREE_STORE      sqlite (default) or neo4j, with NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD
  LOG_LEVEL           log to stderr at this level (default: silent unless --verbose)
  PEDIGREE_SERVER     a server's URL: commands use its API instead of a local store (--server wins)
  PEDIGREE_TOKEN      the API token for it (--token wins)

Exit codes:
  0  success
  1  the thing run failed (an execution failed or stopped, a report did not verify,
     the store or the --server could not be reached)
  2  bad usage or input (unknown command, option or id; invalid value or definition;
     with --server also a missing or invalid token, or a role too low for the command)

Examples:
  $ pedigree run examples/iris/src/pipeline.ts
  $ pedigree models list
  $ pedigree report mp_0190… --format html --out report.html
  $ pedigree verify report.json
  $ pedigree --server http://127.0.0.1:4000 --token $TOKEN executions list
`;

export function createProgram(out: Output, env: Readonly<Record<string, string | undefined>>): Command {
  const program = new Command('pedigree');
  program
    .description('Build ML pipelines with step caching and trace the full pedigree of every artifact.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .addOption(new Option('-d, --data-dir <dir>', 'data directory of the embedded store (env PEDIGREE_DATA_DIR, default ./.pedigree)'))
    .option('-v, --verbose', 'log to stderr and show stack traces of errors')
    .addOption(new Option('--server <url>', 'work against a running Pedigree server through its API (env PEDIGREE_SERVER)'))
    .addOption(new Option('--token <token>', 'API token for --server (env PEDIGREE_TOKEN)'))
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', OVERVIEW)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => out.write(s),
      writeErr: (s) => out.writeErr(s),
    })
    .exitOverride();

  const context = (cmd: Command): CommandContext => ({
    out,
    env,
    globals: cmd.optsWithGlobals<GlobalOptions>(),
    toolVersion: TOOL_VERSION,
  });
  const setup = ((cmd: Command, helpText: string) => {
    cmd.addHelpText('after', helpText);
    return cmd;
  }) as CommandSetup;
  setup.context = context;

  registerPipelineCommands(program, setup);
  registerExecutionCommands(program, setup);
  registerLineageCommands(program, setup);
  registerCacheCommands(program, setup);
  registerModelCommands(program, setup);
  registerReportCommands(program, setup);
  registerDiffCommand(program, setup);
  registerServeCommand(program, setup);

  // Every (sub)command reports its errors the same way and exits through main.
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => out.writeErr(s) });
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}
