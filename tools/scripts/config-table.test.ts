import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configTable } from './config-table.ts';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

// Prettier pads table cells; compare the tables with that padding taken out.
const unpad = (text: string): string => text.replace(/ *(?<!\\)\| */g, '|').replace(/-{3,}/g, '---');

describe('README configuration table', () => {
  it('lists exactly the variables loadConfig reads, with their defaults (regenerate: npx tsx tools/scripts/config-table.ts)', () => {
    expect(unpad(readme)).toContain(unpad(configTable()));
  });
});
