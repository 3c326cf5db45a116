/* The front-end diagnostics of the second half of the statement files (see cypher-lint.test.ts). */
import { describe, expect, it } from 'vitest';
import { STATEMENT_PARAMETERS } from './statements.ts';
import { lint, statementFilesPart, statementOf, statementText } from './testing/cypher-lint.ts';

describe('Cypher statements pass Neo4j’s Cypher front end (part 2)', () => {
  it.each(statementFilesPart(2))('%s has no diagnostics', (file) => {
    expect(lint(statementText(file), STATEMENT_PARAMETERS[statementOf(file)])).toEqual([]);
  });
});
