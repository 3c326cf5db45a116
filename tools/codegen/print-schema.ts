// Writes the merged SDL of apps/api to the repository's schema.graphql: the contract the web client
// and the CLI generate their types from. First half of `npm run codegen`. Formatted with the
// repository's Prettier settings so that `prettier --check` and the drift test agree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printMergedSchema } from '@pedigree/api';
import * as prettier from 'prettier';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(target, await prettier.format(printMergedSchema(), { ...options, parser: 'graphql' }));
process.stdout.write(`wrote ${target}\n`);
