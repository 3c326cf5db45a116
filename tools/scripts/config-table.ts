// Prints the README's configuration table from the runtime's own list of variables, so the table
// cannot drift from what `loadConfig` reads (tools/scripts/config-table.test.ts checks it).
// Usage: npx tsx tools/scripts/config-table.ts
import { CONFIG_VARIABLES } from '@pedigree/runtime';

export function configTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = CONFIG_VARIABLES.map(
    (v) => `| \`${v.name}\` | ${v.default === '' ? '(none)' : `\`${v.default}\``} | ${cell(v.description)} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${configTable()}\n`);
