/*
 * Guard for the package's central rule: Cypher lives only in `cypher/*.cypher`. Every string and
 * template literal of the adapter's TypeScript is checked for Cypher clauses, so a statement built
 * or embedded in code fails CI instead of slipping past the lint and the parameter checks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const CYPHER_CLAUSE = /\b(MATCH|OPTIONAL MATCH|MERGE|UNWIND|RETURN|CREATE|DETACH DELETE|REMOVE|FOREACH|CALL)\b[\s(]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'cypher' || entry.name === '__snapshots__' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** String and template literal texts of a TypeScript source. */
function literalsOf(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

describe('no Cypher outside the .cypher files', () => {
  const files = sourceFiles(SRC);

  it('scans the adapter sources', () => {
    expect(files.map((f) => path.relative(SRC, f))).toEqual(
      expect.arrayContaining(['neo4j-graph-store.ts', 'traversal.ts', 'driver-port.ts']),
    );
  });

  it.each(files.map((f) => path.relative(SRC, f)))('%s has no Cypher in its string literals', (file) => {
    const literals = literalsOf(file, readFileSync(path.join(SRC, file), 'utf8'));
    expect(literals.filter((l) => CYPHER_CLAUSE.test(l))).toEqual([]);
  });

  it('would catch a statement built in code', () => {
    const code = 'const label = "Artifact"; const q = `MATCH (a:${label} {id: $id}) RETURN a`; const r = "UNWIND $rows AS row";';
    expect(literalsOf('x.ts', code).filter((l) => CYPHER_CLAUSE.test(l))).toEqual([
      'MATCH (a:',
      ' {id: $id}) RETURN a',
      'UNWIND $rows AS row',
    ]);
  });
});
