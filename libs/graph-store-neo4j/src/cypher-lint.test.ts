/*
 * Every statement file goes through Neo4j's own Cypher front end, given a schema that declares
 * exactly the graph model of graph-model.ts and exactly the parameters statements.ts says the code
 * passes. Any diagnostic, error or warning, fails the test. No database is involved. The front-end
 * diagnostics of the other half of the files are in cypher-lint.part-2.test.ts (run in parallel).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_PROPERTY_KEYS } from './graph-model.ts';
import { STATEMENT_PARAMETERS, loadStatements } from './statements.ts';
import {
  RESET_STATEMENT_FILE,
  RESULT_MAP_KEYS,
  STATEMENT_FILES,
  directionProblems,
  lint,
  parametersOf,
  propertyKeysOf,
  relationshipsOf,
  statementFilesPart,
  statementOf,
  statementText,
  withoutComments,
} from './testing/cypher-lint.ts';

const files = STATEMENT_FILES;

describe('Cypher statements pass Neo4j’s Cypher front end', () => {
  it('finds one file per registered statement and nothing else', () => {
    expect(files.map(statementOf).sort()).toEqual(Object.keys(STATEMENT_PARAMETERS).sort());
    expect([...statementFilesPart(1), ...statementFilesPart(2)].sort()).toEqual([...files]);
    expect(() => loadStatements()).not.toThrow();
  });

  it.each(statementFilesPart(1))('%s has no diagnostics', (file) => {
    expect(lint(statementText(file), STATEMENT_PARAMETERS[statementOf(file)])).toEqual([]);
  });

  it.each(files)('%s uses exactly the parameters the code passes', (file) => {
    expect(parametersOf(statementText(file))).toEqual([...STATEMENT_PARAMETERS[statementOf(file)]].sort());
  });

  it.each(files)('%s touches only properties declared in graph-model.ts', (file) => {
    const undeclared = propertyKeysOf(statementText(file)).filter((k) => !GRAPH_PROPERTY_KEYS.includes(k) && !RESULT_MAP_KEYS.has(k));
    expect(undeclared).toEqual([]);
  });

  it.each(files)('%s points every relationship the way the graph model says data flows', (file) => {
    expect(directionProblems(statementText(file))).toEqual([]);
  });

  it('finds the typed, directed relationships the statements write and match', () => {
    const all = files.flatMap((f) => relationshipsOf(statementText(f)));
    // Every edge type the store writes appears in some statement, with known end types.
    for (const type of [
      'CONSUMED_BY',
      'PRODUCED',
      'PART_OF',
      'RUN_OF',
      'VERSION_OF',
      'REUSED',
      'DERIVED_FROM',
      'PACKAGED_AS',
      'HAS_EVENT',
      'COLUMN_LINEAGE',
    ]) {
      expect(
        all.some((r) => r.type === type && r.from !== null && r.to !== null),
        type,
      ).toBe(true);
    }
  });

  it('holds one statement per file (a second statement would run unseen by the parameter check)', () => {
    for (const file of files) {
      const text = withoutComments(statementText(file)).trim();
      expect(text.replace(/;$/, ''), file).not.toContain(';');
    }
  });

  it('lints the test-only reset statement too', () => {
    const text = readFileSync(RESET_STATEMENT_FILE, 'utf8');
    expect(lint(text, [])).toEqual([]);
  });
});

// Negative controls: prove the lint above would catch the mistakes it exists for.
describe('the Cypher lint catches mistakes', () => {
  it('reports a misspelled label as a warning', () => {
    expect(lint('MATCH (a:Artefact {id: $id}) RETURN a', ['id'])).toEqual([
      expect.stringMatching(/^warning .*Label Artefact is not present/),
    ]);
  });

  it('reports a misspelled relationship type', () => {
    expect(lint('MATCH (a:Artifact)-[:CONSUMES]->(s) RETURN s', [])).toEqual([expect.stringMatching(/CONSUMES is not present/)]);
  });

  it('reports an undeclared parameter as an error', () => {
    expect(lint('MATCH (a:Artifact {id: $artifactId}) RETURN a', ['id'])).toEqual([
      expect.stringMatching(/^error .*\$artifactId is not defined/),
    ]);
  });

  it('reports an unknown function as an error', () => {
    expect(lint('RETURN datetim($at) AS at', ['at'])).toEqual([expect.stringMatching(/^error .*Function datetim is not present/)]);
  });

  it('reports a call that does not match the function signature', () => {
    expect(lint('RETURN datetime($a, $b) AS at', ['a', 'b']).some((d) => d.startsWith('error'))).toBe(true);
  });

  it('reports a column the procedure does not yield', () => {
    const text = "CALL db.index.fulltext.queryNodes('artifact_search', $q) YIELD node, rank RETURN node";
    expect(lint(text, ['q']).some((d) => d.startsWith('error'))).toBe(true);
  });

  it('reports a syntax error', () => {
    expect(lint('MATCH (a:Artifact) RETRN a', []).some((d) => d.startsWith('error'))).toBe(true);
  });

  it('reports a variable used out of scope', () => {
    expect(lint('MATCH (a:Artifact) WITH a.id AS id RETURN a', []).some((d) => /Variable `a` not defined/.test(d))).toBe(true);
  });

  it('reports a deprecated subquery form as a warning', () => {
    expect(lint('MATCH (a:Artifact) CALL { WITH a MATCH (a)-[:PRODUCED]->(b) RETURN b } RETURN b', [])).toEqual([
      expect.stringMatching(/^warning .*deprecated/),
    ]);
  });

  it('reports a relationship drawn against the data flow', () => {
    expect(directionProblems('MATCH (a:Artifact {id: $id}) MATCH (s:StepExecution) MERGE (a)-[:PRODUCED]->(s)')).toEqual([
      '(Artifact)-[:PRODUCED]-> cannot start at Artifact',
      '-[:PRODUCED]->(StepExecution) cannot end at StepExecution',
    ]);
    expect(directionProblems('MATCH (s:StepExecution)<-[:PART_OF]-(e:PipelineExecution) RETURN s')).toEqual([
      '-[:PART_OF]->(StepExecution) cannot end at StepExecution',
    ]);
    expect(directionProblems('MATCH (s:StepExecution)-[:PART_OF]->(:PipelineExecution {id: $id}) RETURN s')).toEqual([]);
  });

  it('checks OpenLineage runs and bookkeeping relationships against the graph model', () => {
    // A run takes a step execution's place in the data flow, and PART_OF its parent run.
    expect(directionProblems('MATCH (a:Artifact)-[:CONSUMED_BY]->(r:OpenLineageRun)-[:PRODUCED]->(b:Artifact) RETURN b')).toEqual([]);
    expect(directionProblems('MATCH (r:OpenLineageRun), (p:OpenLineageRun) MERGE (r)-[:PART_OF]->(p)')).toEqual([]);
    expect(directionProblems('MATCH (r:OpenLineageRun {id: $id}) MATCH (a:Artifact) MERGE (r)-[:CONSUMED_BY]->(a)')).toEqual([
      '(OpenLineageRun)-[:CONSUMED_BY]-> cannot start at OpenLineageRun',
      '-[:CONSUMED_BY]->(Artifact) cannot end at Artifact',
    ]);
    expect(directionProblems('MATCH (e:OpenLineageEvent), (r:OpenLineageRun) MERGE (e)-[:HAS_EVENT]->(r)')).toEqual([
      '(OpenLineageEvent)-[:HAS_EVENT]-> cannot start at OpenLineageEvent',
      '-[:HAS_EVENT]->(OpenLineageRun) cannot end at OpenLineageRun',
    ]);
    expect(directionProblems('MATCH (f:DatasetField)-[:COLUMN_LINEAGE]->(a:Artifact) RETURN a')).toEqual([
      '-[:COLUMN_LINEAGE]->(Artifact) cannot end at Artifact',
    ]);
    expect(directionProblems('MATCH (a:Artifact)-[:KNOWS]->(b:Artifact) RETURN b')).toEqual(['unknown relationship type KNOWS']);
  });

  it('finds the parameters and property keys a statement uses', () => {
    const text =
      "// $ignored in a comment\nMATCH (a:Artifact {uri: $uri}) WHERE a.size > $min RETURN a {.*} AS artifact, '$notAParam' AS s";
    expect(parametersOf(text)).toEqual(['min', 'uri']);
    expect(propertyKeysOf(text)).toEqual(['size', 'uri']);
  });
});
