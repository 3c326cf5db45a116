export { runCli } from './run-cli.ts';
export { createProgram, TOOL_VERSION } from './program.ts';
