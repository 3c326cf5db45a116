/*
 * Test support: Neo4j's own Cypher front end (the parser and semantic analysis of
 * @neo4j-cypher/language-support) with a schema that declares exactly the graph model of
 * graph-model.ts, plus static checks of the statement files (parameters, property keys,
 * relationship directions). Used by the cypher-lint test files; no database is involved.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isEdgeType } from '@pedigree/domain';
import {
  BOOKKEEPING_RELATIONSHIPS,
  COMMON_LABEL,
  GRAPH_EDGE_ENDPOINTS,
  GRAPH_LABELS,
  GRAPH_PROPERTY_KEYS,
  GRAPH_RELATIONSHIP_TYPES,
} from '../graph-model.ts';
import { CYPHER_DIRECTORY, type StatementName } from '../statements.ts';

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
  {
    name: 'range',
    args: [
      arg('start', 'INTEGER'),
      arg('end', 'INTEGER'),
      arg('step', 'INTEGER', { default: 'DefaultParameterValue{value=1, type=INTEGER}' }),
    ],
    returns: 'LIST<INTEGER>',
    aggregating: false,
  },
  { name: 'size', args: [arg('input', 'LIST<ANY>')], returns: 'INTEGER', aggregating: false },
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

export function lint(text: string, parameters: readonly string[]): string[] {
  return lintCypherQuery(text, schemaFor(parameters)).diagnostics.map(
    (d) => `${d.severity === 1 ? 'error' : 'warning'} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
  );
}

export function withoutComments(text: string): string {
  return text.replace(/\/\/[^\n]*/g, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

/** `$name` parameters a statement uses. */
export function parametersOf(text: string): string[] {
  return [...new Set([...withoutComments(text).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
}

/** Property keys read or written as `variable.key`, `{key: ...}` in patterns and `.key` in map projections. */
export function propertyKeysOf(text: string): string[] {
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

export interface DirectedRelationship {
  /** The end's node type or bookkeeping label; null when the pattern does not say. */
  readonly from: string | null;
  readonly type: string;
  readonly to: string | null;
}

/** Labels that say what a node is: every declared label but the common `:LineageNode`. */
const TYPE_LABELS: ReadonlySet<string> = new Set(GRAPH_LABELS.filter((l) => l !== COMMON_LABEL));

/**
 * Directed, typed relationship patterns with the node type (or bookkeeping label) of each end
 * (null when the pattern does not say, e.g. a bare `:LineageNode`). A variable's type comes from
 * wherever the statement labels it. Undirected and untyped patterns (the generic traversal hops)
 * are left out.
 */
export function relationshipsOf(text: string): DirectedRelationship[] {
  const code = withoutComments(text);
  const typeOf = new Map<string, string>();
  // `x:Label` in a pattern or in `SET x:Label` (map entries are written `key: value`, with a space).
  for (const m of code.matchAll(/\b(\w+)((?::[A-Z]\w*)+)/g)) {
    const type = m[2]!.split(':').find((l) => TYPE_LABELS.has(l));
    if (type && !typeOf.has(m[1]!)) typeOf.set(m[1]!, type);
  }
  const endOf = (node: string): string | null => {
    const m = /^\s*(\w*)((?::\w+)*)/.exec(node)!;
    const labelled = m[2]!.split(':').find((l) => TYPE_LABELS.has(l));
    return labelled ?? typeOf.get(m[1]!) ?? null;
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

/**
 * Relationship patterns whose direction or end types contradict the graph model: lineage edges
 * against GRAPH_EDGE_ENDPOINTS (the domain's EDGE_ENDPOINTS plus OpenLineage runs), bookkeeping
 * relationships against BOOKKEEPING_RELATIONSHIPS.
 */
export function directionProblems(text: string): string[] {
  return relationshipsOf(text).flatMap(({ from, type, to }) => {
    const bookkeeping = BOOKKEEPING_RELATIONSHIPS[type];
    let ends: { readonly from: readonly string[]; readonly to: readonly string[] };
    if (isEdgeType(type)) ends = GRAPH_EDGE_ENDPOINTS[type];
    else if (bookkeeping !== undefined) ends = { from: [bookkeeping.from], to: [bookkeeping.to] };
    else return [`unknown relationship type ${type}`];
    const problems: string[] = [];
    if (from !== null && !ends.from.includes(from)) problems.push(`(${from})-[:${type}]-> cannot start at ${from}`);
    if (to !== null && !ends.to.includes(to)) problems.push(`-[:${type}]->(${to}) cannot end at ${to}`);
    return problems;
  });
}

/** Every statement file, sorted. */
export const STATEMENT_FILES: readonly string[] = readdirSync(CYPHER_DIRECTORY)
  .filter((f) => f.endsWith('.cypher'))
  .sort();

/**
 * Half of the statement files for the front-end diagnostics: the analysis takes a few hundred ms a
 * statement, so two test files share the work and vitest runs them in parallel.
 */
export function statementFilesPart(part: 1 | 2): string[] {
  return STATEMENT_FILES.filter((_, i) => i % 2 === part - 1);
}

export function statementText(file: string): string {
  return readFileSync(`${CYPHER_DIRECTORY}/${file}`, 'utf8');
}

/** The registered statement name of a file. */
export function statementOf(file: string): StatementName {
  return file.replace(/\.cypher$/, '') as StatementName;
}
export const RESET_STATEMENT_FILE = fileURLToPath(new URL('./reset-database.cypher', import.meta.url));
// Keys of literal maps built in RETURN clauses (not stored properties).
export const RESULT_MAP_KEYS = new Set(['artifact']);
