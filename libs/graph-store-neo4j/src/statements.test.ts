import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CYPHER_DIRECTORY, assertStatementParams, loadStatements } from './statements.ts';

const dirs: string[] = [];
function copyOfStatements(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-cypher-'));
  dirs.push(dir);
  cpSync(CYPHER_DIRECTORY, dir, { recursive: true });
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('loadStatements', () => {
  it('loads every registered statement once', () => {
    const texts = loadStatements();
    expect(texts.get('get-context')).toBe('MATCH (c:Context {id: $id})\nRETURN c {.*} AS context');
  });

  it('refuses to start when a file is not registered (it would never be linted against the code)', () => {
    const dir = copyOfStatements();
    writeFileSync(path.join(dir, 'stray.cypher'), 'RETURN 1');
    expect(() => loadStatements(dir)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', context: { unregistered: ['stray.cypher'], missing: [] } }),
    );
  });

  it('refuses to start when a registered statement has no file', () => {
    const dir = copyOfStatements();
    rmSync(path.join(dir, 'get-context.cypher'));
    expect(() => loadStatements(dir)).toThrow(expect.objectContaining({ context: { unregistered: [], missing: ['get-context'] } }));
  });
});

describe('assertStatementParams', () => {
  it('accepts exactly the declared parameters, null values included', () => {
    expect(() => assertStatementParams('find-cache-hit', { cacheKey: 'k', notBefore: null, excludeExecutionId: null })).not.toThrow();
  });

  it('refuses missing, undefined and extra parameters', () => {
    expect(() => assertStatementParams('find-cache-hit', { cacheKey: 'k', notBefore: null } as never)).toThrow(/wrong parameters/);
    expect(() => assertStatementParams('find-cache-hit', { cacheKey: 'k', notBefore: undefined, excludeExecutionId: null })).toThrow(
      expect.objectContaining({ context: { statement: 'find-cache-hit', missing: ['notBefore'], extra: [] } }),
    );
    expect(() => assertStatementParams('get-context', { id: 'x', other: 1 } as never)).toThrow(
      expect.objectContaining({ context: { statement: 'get-context', missing: [], extra: ['other'] } }),
    );
  });
});
