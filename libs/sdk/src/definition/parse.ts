import { isPedigreeError, ValidationError, type ErrorIssue } from '@pedigree/domain';
import type { z } from 'zod';
import { jsonErrorOffset } from './json-error.ts';
import { pipelineDefinitionSchema } from './schema.ts';
import { DEFINITION_SCHEMA_VERSION, type PipelineDefinition } from './types.ts';
import { validateDefinition } from './validate.ts';

const SUBJECT = 'pipeline definition';

/** Line and column (1-based) of a character offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = lineColumn(text, jsonErrorOffset(text));
    const at = ` at line ${where.line}, column ${where.column}`;
    // V8 quotes a snippet of the text or a position; the line and column say it better.
    const detail = message.replace(/,\s*".*" is not valid JSON$/s, '').replace(/\s*in JSON at position \d+.*$/s, '');
    throw new ValidationError(SUBJECT, [
      { path: '', message: `malformed JSON${at}: ${text.trim().length === 0 ? 'empty document' : detail}` },
    ]);
  }
}

/** Formats a zod issue path, naming steps by index and name: `steps[2](train).retry.maxAttempts`. */
function formatPath(root: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const name = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>).name : undefined;
      if (typeof name === 'string') out += `(${name})`;
    } else {
      const text = String(key);
      out += out.length === 0 ? text : `.${text}`;
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[text] : undefined;
    }
  }
  return out;
}

function zodIssues(root: unknown, error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    } else if (issue.code === 'invalid_type' && /received undefined$/.test(message)) {
      message = `missing required field (expected ${issue.expected})`;
    } else if (issue.code === 'invalid_union' && message === 'Invalid input') {
      message = 'expected a string, number, boolean or null';
    }
    return { path: formatPath(root, issue.path), message };
  });
}

/**
 * JSON.parse keeps a `__proto__` key as an own property, but copying it into a new object sets the
 * prototype instead, so the key would silently vanish. Refuse it where it appears.
 */
function protoKeys(root: unknown): ErrorIssue[] {
  interface Frame {
    readonly node: unknown;
    readonly parent: Frame | null;
    readonly key: PropertyKey;
  }
  const pathOf = (frame: Frame, last: string): PropertyKey[] => {
    const keys: PropertyKey[] = [last];
    for (let f: Frame | null = frame; f && f.parent; f = f.parent) keys.unshift(f.key);
    return keys;
  };
  const issues: ErrorIssue[] = [];
  // Iterative with parent links (no per-node path copies) and a visited set (objects may be cyclic).
  const seen = new Set<object>();
  const stack: Frame[] = [{ node: root, parent: null, key: '' }];
  while (stack.length > 0 && issues.length < 20) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    for (const key of Object.keys(node)) {
      if (key === '__proto__') issues.push({ path: formatPath(root, pathOf(frame, key)), message: 'the key "__proto__" is not allowed' });
      else stack.push({ node: (node as Record<string, unknown>)[key], parent: frame, key: Array.isArray(node) ? Number(key) : key });
    }
  }
  return issues;
}

/** Shape problems of a candidate definition (the zod schema), with step-named paths; empty when the shape is right. */
export function definitionShapeIssues(value: unknown): ErrorIssue[] {
  const parsed = pipelineDefinitionSchema.safeParse(value);
  return parsed.success ? [] : zodIssues(value, parsed.error);
}

/**
 * Reads a definition from JSON text or an already-parsed value, fills defaults of optional fields,
 * and validates it. Returns a definition equal to what the SDK compiles. Throws only
 * ValidationError (VALIDATION_FAILED) listing every problem: malformed JSON (with line and column),
 * a missing or unsupported `schemaVersion`, shape errors and every semantic issue.
 */
export function parseDefinition(input: unknown): PipelineDefinition {
  try {
    const value = typeof input === 'string' ? parseJsonText(input) : input;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      throw new ValidationError(SUBJECT, [{ path: '', message: `expected a JSON object, got ${kind}` }]);
    }
    const version = (value as Record<string, unknown>).schemaVersion;
    if (version !== DEFINITION_SCHEMA_VERSION) {
      const message =
        version === undefined
          ? `missing; this version of Pedigree reads schema version "${DEFINITION_SCHEMA_VERSION}"`
          : `unsupported schema version ${JSON.stringify(version)}; this version of Pedigree reads "${DEFINITION_SCHEMA_VERSION}"`;
      throw new ValidationError(SUBJECT, [{ path: 'schemaVersion', message }]);
    }
    const forbidden = protoKeys(value);
    if (forbidden.length > 0) throw new ValidationError(SUBJECT, forbidden);
    const parsed = pipelineDefinitionSchema.safeParse(value);
    if (!parsed.success) throw new ValidationError(SUBJECT, zodIssues(value, parsed.error));
    const definition = parsed.data as PipelineDefinition;
    const issues = validateDefinition(definition);
    if (issues.length > 0) throw new ValidationError(SUBJECT, issues);
    return definition;
  } catch (error) {
    if (isPedigreeError(error)) throw error;
    // Hostile input (a getter that throws, nesting deep enough to overflow the stack) must still
    // come back as a user-fixable error rather than a crash.
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError(SUBJECT, [{ path: '', message: `could not be read: ${message}` }]);
  }
}
