import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the module boundaries of DESIGN.md are enforced, not decoration: each case lints a
// snippet as if it lived in a project's src/ and expects @nx/enforce-module-boundaries to reject it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('lets sdk import domain (an allowed edge of the table)', async () => {
    expect(
      await boundaryErrors(
        'libs/sdk/src/boundary-fixture.ts',
        "import { sha256Hex } from '@pedigree/domain';\nexport const x = sha256Hex;\n",
      ),
    ).toEqual([]);
  });

  it('rejects artifact-store importing sdk (not in its row of the table)', async () => {
    const errors = await boundaryErrors(
      'libs/artifact-store/src/boundary-fixture.ts',
      "import * as sdk from '@pedigree/sdk';\nexport const x = sdk;\n",
    );
    expect(errors.join('\n')).toMatch(/scope:artifact-store.*can only depend on libs tagged with/s);
  });

  it('rejects domain importing sdk (domain depends on nothing)', async () => {
    const errors = await boundaryErrors(
      'libs/domain/src/boundary-fixture.ts',
      "import * as sdk from '@pedigree/sdk';\nexport const x = sdk;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('rejects the executor importing a concrete store adapter (port only)', async () => {
    const errors = await boundaryErrors(
      'libs/executor/src/boundary-fixture.ts',
      "import * as s from '@pedigree/graph-store-sqlite';\nexport const x = s;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('rejects better-sqlite3 outside its adapter', async () => {
    const errors = await boundaryErrors(
      'libs/executor/src/boundary-fixture.ts',
      "import Database from 'better-sqlite3';\nexport const x = Database;\n",
    );
    expect(errors.join('\n')).toMatch(/better-sqlite3/);
  });

  it('rejects neo4j-driver outside its adapter', async () => {
    const errors = await boundaryErrors(
      'libs/graph-store-sqlite/src/boundary-fixture.ts',
      "import neo4j from 'neo4j-driver';\nexport const x = neo4j;\n",
    );
    expect(errors.join('\n')).toMatch(/neo4j-driver/);
  });

  it('lets the sqlite adapter import better-sqlite3', async () => {
    expect(
      await boundaryErrors(
        'libs/graph-store-sqlite/src/boundary-fixture.ts',
        "import Database from 'better-sqlite3';\nexport const x = Database;\n",
      ),
    ).toEqual([]);
  });
});
