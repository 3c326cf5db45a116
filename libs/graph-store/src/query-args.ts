import {
  ARTIFACT_TYPES,
  EDGE_TYPES,
  InvalidArgumentError,
  NODE_TYPES,
  isLineageDirection,
  type ArtifactType,
  type EdgeType,
  type LineageDirection,
  type NodeType,
} from '@pedigree/domain';
import {
  PAGE_DEFAULT,
  PAGE_MAX,
  TRAVERSE_DEFAULT_MAX_DEPTH,
  TRAVERSE_DEFAULT_NODE_LIMIT,
  TRAVERSE_MAX_DEPTH_CAP,
  TRAVERSE_NODE_LIMIT_CAP,
  type PageRequest,
  type PathsQuery,
  type TraverseQuery,
} from './types.ts';

/* Shared argument checks, so every adapter accepts and refuses exactly the same inputs. */

export interface NormalizedPage {
  readonly first: number;
  readonly after: string | null;
}

/** Defaults `first` to 50; INVALID_ARGUMENT for a non-integer, < 1 or > 1,000. */
export function normalizePageRequest(page: PageRequest | undefined, argument = 'first'): NormalizedPage {
  const first = page?.first ?? PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > PAGE_MAX) {
    throw new InvalidArgumentError(argument, `must be an integer from 1 to ${PAGE_MAX}, got ${String(first)}`);
  }
  const after = page?.after ?? null;
  if (after !== null && typeof after !== 'string') throw new InvalidArgumentError('after', 'must be a cursor string');
  return { first, after };
}

/** An opaque cursor over a sort key (base64url of a JSON array). */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** Decodes a cursor of `arity` parts; INVALID_ARGUMENT naming `after` when it is malformed. */
export function decodeCursor(cursor: string, arity: number, argument = 'after'): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidArgumentError(argument, 'is not a cursor returned by this query');
  }
  if (!Array.isArray(parsed) || parsed.length !== arity || !parsed.every((p) => typeof p === 'string' || typeof p === 'number')) {
    throw new InvalidArgumentError(argument, 'is not a cursor returned by this query');
  }
  return parsed as (string | number)[];
}

export interface NormalizedTraverseQuery {
  readonly startIds: readonly string[];
  readonly direction: LineageDirection;
  readonly maxDepth: number;
  /** Always the full list of followed edge types (all types when the query gave none). */
  readonly edgeTypes: readonly EdgeType[];
  /** null = every node type is returned. */
  readonly nodeTypes: readonly NodeType[] | null;
  /** null = every artifact type is returned. */
  readonly artifactTypes: readonly ArtifactType[] | null;
  readonly nodeLimit: number;
}

function intInRange(argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(argument, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function enumList<T extends string>(argument: string, values: readonly unknown[] | undefined, allowed: readonly T[]): readonly T[] | null {
  if (values === undefined || values === null) return null;
  if (!Array.isArray(values)) throw new InvalidArgumentError(argument, 'must be a list');
  for (const v of values) {
    if (!(allowed as readonly unknown[]).includes(v)) {
      throw new InvalidArgumentError(argument, `unknown value ${JSON.stringify(v)}; expected one of ${allowed.join(', ')}`);
    }
  }
  return [...new Set(values as T[])];
}

/** Fills defaults and enforces the caps of `TraverseQuery`; throws INVALID_ARGUMENT naming the argument. */
export function normalizeTraverseQuery(query: TraverseQuery): NormalizedTraverseQuery {
  if (!Array.isArray(query.startIds) || query.startIds.length === 0) {
    throw new InvalidArgumentError('startIds', 'must list at least one node id');
  }
  for (const id of query.startIds) {
    if (typeof id !== 'string' || id.length === 0) throw new InvalidArgumentError('startIds', 'must contain non-empty id strings');
  }
  if (!isLineageDirection(query.direction)) {
    throw new InvalidArgumentError('direction', `must be UPSTREAM, DOWNSTREAM or BOTH, got ${JSON.stringify(query.direction)}`);
  }
  const maxDepth = intInRange('maxDepth', query.maxDepth ?? TRAVERSE_DEFAULT_MAX_DEPTH, 0, TRAVERSE_MAX_DEPTH_CAP);
  const nodeLimit = intInRange('nodeLimit', query.nodeLimit ?? TRAVERSE_DEFAULT_NODE_LIMIT, 1, TRAVERSE_NODE_LIMIT_CAP);
  const edgeTypes = enumList('edgeTypes', query.edgeTypes, EDGE_TYPES) ?? EDGE_TYPES;
  if (edgeTypes.length === 0) throw new InvalidArgumentError('edgeTypes', 'must not be empty (leave it out to follow every edge type)');
  return {
    startIds: [...new Set(query.startIds)],
    direction: query.direction,
    maxDepth,
    edgeTypes,
    nodeTypes: enumList('nodeTypes', query.nodeTypes, NODE_TYPES),
    artifactTypes: enumList('artifactTypes', query.artifactTypes, ARTIFACT_TYPES),
    nodeLimit,
  };
}

export interface NormalizedPathsQuery {
  readonly fromId: string;
  readonly toId: string;
  readonly maxDepth: number;
  readonly limit: number;
}

/** Defaults maxDepth 10 (cap 50) and limit 20 (cap 100); INVALID_ARGUMENT naming the argument. */
export function normalizePathsQuery(query: PathsQuery): NormalizedPathsQuery {
  if (typeof query.fromId !== 'string' || query.fromId.length === 0) throw new InvalidArgumentError('fromId', 'must be a node id');
  if (typeof query.toId !== 'string' || query.toId.length === 0) throw new InvalidArgumentError('toId', 'must be a node id');
  return {
    fromId: query.fromId,
    toId: query.toId,
    maxDepth: intInRange('maxDepth', query.maxDepth ?? TRAVERSE_DEFAULT_MAX_DEPTH, 1, TRAVERSE_MAX_DEPTH_CAP),
    limit: intInRange('limit', query.limit ?? 20, 1, 100),
  };
}
