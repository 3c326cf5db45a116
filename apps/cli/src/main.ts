// Entry point of the `pedigree` binary (bin/pedigree.mjs loads it through tsx).
import { runCli } from './run-cli.ts';

// process.exitCode (not process.exit) lets pending stdout writes flush before the process ends.
process.exitCode = await runCli(process.argv.slice(2));
