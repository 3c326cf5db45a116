import { InvalidArgumentError } from '@pedigree/domain';

/** One step of a JsonGet path: an object key or an array index. */
export type JsonPathSegment = string | number;

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

/**
 * Splits a JsonGet path such as `metrics.accuracy`, `classes[0].f1` or `scores["f1-macro"]` into
 * keys and indexes. Throws InvalidArgumentError (INVALID_ARGUMENT) for an empty or malformed path.
 */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (typeof path !== 'string' || path.length === 0) throw new InvalidArgumentError('path', 'a JsonGet path must be a non-empty string');
  const segments: JsonPathSegment[] = [];
  let rest = path;
  let first = true;
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    // A leading dot is only allowed between segments, never at the start.
    if (!match || (first && rest.startsWith('.'))) {
      throw new InvalidArgumentError('path', `malformed JsonGet path ${JSON.stringify(path)} at ${JSON.stringify(rest)}`);
    }
    if (!first && match[1] !== undefined && !rest.startsWith('.')) {
      throw new InvalidArgumentError('path', `malformed JsonGet path ${JSON.stringify(path)}: keys are separated by dots`);
    }
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(parseQuotedKey(match[3]!, path));
    rest = rest.slice(match[0].length);
    first = false;
  }
  return segments;
}

/** Reads `path` from a parsed JSON document; `undefined` when any segment is missing. */
export function readJsonPath(document: unknown, path: string | readonly JsonPathSegment[]): unknown {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  let current: unknown = document;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

function parseQuotedKey(quoted: string, path: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new InvalidArgumentError('path', `malformed JsonGet path ${JSON.stringify(path)}: bad escape in ${quoted}`);
  }
}
