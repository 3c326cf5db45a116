/*
 * Every statement file goes through Neo4j's own Cypher front end (the parser and semantic analysis
 * of @neo4j-cypher/language-support), given a schema that declares exactly the graph model of
 * graph-model.ts and exactly the parameters statements.ts says the code passes. Any diagnostic,
 * error or warning, fails the test. No database is involved.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EDGE_ENDPOINTS, isEdgeType, isNodeType, type NodeType } from '@pedigree/domain';
import { GRAPH_LABELS, GRAPH_PROPERTY_KEYS, GRAPH_RELATIONSHIP_TYPES } from './graph-model.ts';
import { CYPHER_DIRECTORY, STATEMENT_PARAMETERS, loadStatements, type StatementName } from './statements.ts';

interface Diagnostic {
  readonly severity?: number;
  readonly message: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}
interface LanguageSupport {
  lintCypherQuery(query: string, schema: Record<string, unknown>): { diagnostics: Diagnostic[] };
}

// The package declares node>=22 for its ESM build; its CommonJS build runs on Node 20 through require.
const { lintCypherQuery } = createRequire(import.meta.url)('@neo4j-cypher/language-support') as LanguageSupport;

const arg = (name: string, type: string, extra: Record<string, string> = {}) => ({
  name,
  description: name,
  type,
  isDeprecated: false,
  ...extra,
});

/**
 * The built-in functions the statements may call, with their Neo4j 5 signatures (as `SHOW FUNCTIONS`
 * lists them; the semantic analysis checks calls against these). Anything else (a typo, an APOC call)
 * is an error.
 */
const FUNCTIONS = [
  { name: 'coalesce', args: [arg('input', 'ANY')], returns: 'ANY', aggregating: false },
  { name: 'collect', args: [arg('input', 'ANY')], returns: 'LIST<ANY>', aggregating: true },
  { name: 'count', args: [arg('input', 'ANY')], returns: 'INTEGER', aggregating: true },
  {
    name: 'datetime',
    args: [arg('input', 'ANY', { default: 'DEFAULT_TEMPORAL_ARGUMENT' })],
    returns: 'ZONED DATETIME',
    aggregating: false,
  },
  { name: 'toLower', args: [arg('input', 'STRING')], returns: 'STRING', aggregating: false },
  { name: 'type', args: [arg('input', 'RELATIONSHIP')], returns: 'STRING', aggregating: false },
].map(({ name, args, returns, aggregating }) => ({
  name,
  category: 'builtin',
  description: name,
  isBuiltIn: true,
  argumentDescription: args,
  returnDescription: returns,
  signature: `${name}(${args.map((a) => `${a.name} :: ${a.type}`).join(', ')}) :: ${returns}`,
  aggregating,
  isDeprecated: false,
}));

const PROCEDURES = {
  'db.awaitIndexes': {
    name: 'db.awaitIndexes',
    description: 'Wait for all indexes to come online.',
    mode: 'READ',
    worksOnSystem: true,
    argumentDescription: [arg('timeOutSeconds', 'INTEGER', { default: 'DefaultParameterValue{value=300, type=INTEGER}' })],
    returnDescription: [],
    signature: 'db.awaitIndexes(timeOutSeconds = 300 :: INTEGER)',
    admin: false,
    option: { deprecated: false },
  },
  'db.index.fulltext.queryNodes': {
    name: 'db.index.fulltext.queryNodes',
    description: 'Query the given full-text index.',
    mode: 'READ',
    worksOnSystem: false,
    argumentDescription: [
      arg('indexName', 'STRING'),
      arg('queryString', 'STRING'),
      arg('options', 'MAP', { default: 'DefaultParameterValue{value={}, type=MAP}' }),
    ],
    returnDescription: [arg('node', 'NODE'), arg('score', 'FLOAT')],
    signature:
      'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
    admin: false,
    option: { deprecated: false },
  },
};

function schemaFor(parameters: readonly string[]): Record<string, unknown> {
  return {
    labels: [...GRAPH_LABELS],
    relationshipTypes: [...GRAPH_RELATIONSHIP_TYPES],
    propertyKeys: [...GRAPH_PROPERTY_KEYS],
    parameters: Object.fromEntries(parameters.map((p) => [p, null])),
    functions: { 'CYPHER 5': Object.fromEntries(FUNCTIONS.map((f) => [f.name, f])) },
    procedures: { 'CYPHER 5': PROCEDURES },
    defaultLanguage: 'CYPHER 5',
  };
}

function lint(text: string, parameters: readonly string[]): string[] {
  return lintCypherQuery(text, schemaFor(parameters)).diagnostics.map(
    (d) => `${d.severity === 1 ? 'error' : 'warning'} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
  );
}

function withoutComments(text: string): string {
  return text.replace(/\/\/[^\n]*/g, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

/** `$name` parameters a statement uses. */
function parametersOf(text: string): string[] {
  return [...new Set([...withoutComments(text).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
}

/** Property keys read or written as `variable.key`, `{key: ...}` in patterns and `.key` in map projections. */
function propertyKeysOf(text: string): string[] {
  // Procedure names (`db.index.fulltext.queryNodes(`) look like property access; they are checked by the lint instead.
  const code = withoutComments(text).replace(/\bdb(\.\w+)+(?=\()/g, '');
  // Fields of parameter rows (`UNWIND $rows AS row ... row.uri`) are parameter data, not properties.
  const rowVariables = new Set([...code.matchAll(/UNWIND\s+\$\w+\s+AS\s+(\w+)/g)].map((m) => m[1]!));
  const keys = new Set<string>();
  for (const m of code.matchAll(/\b([a-z][A-Za-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!rowVariables.has(m[1]!)) keys.add(m[2]!);
  }
  for (const m of code.matchAll(/[{,]\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g)) keys.add(m[1]!);
  return [...keys].sort();
}

interface DirectedRelationship {
  readonly from: NodeType | null;
  readonly type: string;
  readonly to: NodeType | null;
}

/**
 * Directed, typed relationship patterns with the node type of each end (null when the pattern does
 * not say, e.g. a bare `:LineageNode`). A variable's node type comes from wherever the statement
 * labels it. Undirected and untyped patterns (the generic traversal hops) are left out.
 */
function relationshipsOf(text: string): DirectedRelationship[] {
  const code = withoutComments(text);
  const nodeTypeOf = new Map<string, NodeType>();
  // `x:Label` in a pattern or in `SET x:Label` (map entries are written `key: value`, with a space).
  for (const m of code.matchAll(/\b(\w+)((?::[A-Z]\w*)+)/g)) {
    const type = m[2]!.split(':').find((l) => isNodeType(l));
    if (type && !nodeTypeOf.has(m[1]!)) nodeTypeOf.set(m[1]!, type as NodeType);
  }
  const endOf = (node: string): NodeType | null => {
    const m = /^\s*(\w*)((?::\w+)*)/.exec(node)!;
    const labelled = m[2]!.split(':').find((l) => isNodeType(l));
    return (labelled as NodeType | undefined) ?? nodeTypeOf.get(m[1]!) ?? null;
  };
  const found: DirectedRelationship[] = [];
  for (const m of code.matchAll(/\(([^()]*)\)\s*(<?)-\[([^\]]*)\]-(>?)(?=\s*\(([^()]*)\))/g)) {
    const [, left, inbound, rel, outbound, right] = m;
    const types = /:\s*([A-Z_|]+)/.exec(rel!)?.[1]?.split('|') ?? [];
    if (types.length === 0 || inbound === outbound) continue;
    const [from, to] = outbound ? [endOf(left!), endOf(right!)] : [endOf(right!), endOf(left!)];
    for (const type of types) found.push({ from, type, to });
  }
  return found;
}

/** Relationship patterns whose direction or end types contradict EDGE_ENDPOINTS of the domain. */
function directionProblems(text: string): string[] {
  return relationshipsOf(text).flatMap(({ from, type, to }) => {
    if (!isEdgeType(type)) return [`unknown relationship type ${type}`];
    const ends = EDGE_ENDPOINTS[type];
    const problems: string[] = [];
    if (from !== null && !ends.from.includes(from)) problems.push(`(${from})-[:${type}]-> cannot start at ${from}`);
    if (to !== null && !ends.to.includes(to)) problems.push(`-[:${type}]->(${to}) cannot end at ${to}`);
    return problems;
  });
}

const files = readdirSync(CYPHER_DIRECTORY).filter((f) => f.endsWith('.cypher'));
const testingDirectory = fileURLToPath(new URL('./testing/', import.meta.url));
// Keys of literal maps built in RETURN clauses (not stored properties).
const RESULT_MAP_KEYS = new Set(['artifact']);

describe('Cypher statements pass Neo4j’s Cypher front end', () => {
  it('finds one file per registered statement and nothing else', () => {
    expect(files.map((f) => f.replace(/\.cypher$/, '')).sort()).toEqual(Object.keys(STATEMENT_PARAMETERS).sort());
    expect(() => loadStatements()).not.toThrow();
  });

  it.each(files)('%s has no diagnostics', (file) => {
    const name = file.replace(/\.cypher$/, '') as StatementName;
    const text = readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8');
    expect(lint(text, STATEMENT_PARAMETERS[name])).toEqual([]);
  });

  it.each(files)('%s uses exactly the parameters the code passes', (file) => {
    const name = file.replace(/\.cypher$/, '') as StatementName;
    const text = readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8');
    expect(parametersOf(text)).toEqual([...STATEMENT_PARAMETERS[name]].sort());
  });

  it.each(files)('%s touches only properties declared in graph-model.ts', (file) => {
    const text = readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8');
    const undeclared = propertyKeysOf(text).filter((k) => !GRAPH_PROPERTY_KEYS.includes(k) && !RESULT_MAP_KEYS.has(k));
    expect(undeclared).toEqual([]);
  });

  it.each(files)('%s points every relationship the way the graph model says data flows', (file) => {
    expect(directionProblems(readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8'))).toEqual([]);
  });

  it('finds the typed, directed relationships the statements write and match', () => {
    const all = files.flatMap((f) => relationshipsOf(readFileSync(`${CYPHER_DIRECTORY}/${f}`, 'utf8')));
    // Every edge type the store writes appears in some statement, with known end types.
    for (const type of ['CONSUMED_BY', 'PRODUCED', 'PART_OF', 'RUN_OF', 'VERSION_OF', 'REUSED', 'DERIVED_FROM', 'PACKAGED_AS']) {
      expect(
        all.some((r) => r.type === type && r.from !== null && r.to !== null),
        type,
      ).toBe(true);
    }
  });

  it('holds one statement per file (a second statement would run unseen by the parameter check)', () => {
    for (const file of files) {
      const text = withoutComments(readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8')).trim();
      expect(text.replace(/;$/, ''), file).not.toContain(';');
    }
  });

  it('lints the test-only reset statement too', () => {
    const text = readFileSync(`${testingDirectory}/reset-database.cypher`, 'utf8');
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

  it('finds the parameters and property keys a statement uses', () => {
    const text =
      "// $ignored in a comment\nMATCH (a:Artifact {uri: $uri}) WHERE a.size > $min RETURN a {.*} AS artifact, '$notAParam' AS s";
    expect(parametersOf(text)).toEqual(['min', 'uri']);
    expect(propertyKeysOf(text)).toEqual(['size', 'uri']);
  });
});
