import { createHash } from 'node:crypto';
import { InvalidArgumentError } from './errors.ts';
import type { Digest } from './ids.ts';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` object members
 * dropped. Non-finite numbers, functions, symbols, bigints and cycles are refused, because a
 * hash over them would not be reproducible. Used for definition hashes, cache keys and report
 * hashes, so its output must never change for the same input.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidArgumentError(path, `cannot encode non-finite number ${value} as canonical JSON`);
      // -0 and 0 must hash alike.
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (seen.has(value)) throw new InvalidArgumentError(path, 'cannot encode a cyclic structure as canonical JSON');
      seen.add(value);
      try {
        if (Array.isArray(value)) {
          return `[${value.map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`, seen))).join(',')}]`;
        }
        if (value instanceof Date) return JSON.stringify(value.toISOString());
        const keys = Object.keys(value).sort();
        const parts: string[] = [];
        for (const key of keys) {
          const member = (value as Record<string, unknown>)[key];
          if (member === undefined) continue;
          parts.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, seen)}`);
        }
        return `{${parts.join(',')}}`;
      } finally {
        seen.delete(value);
      }
    }
    default:
      throw new InvalidArgumentError(path, `cannot encode a ${typeof value} as canonical JSON`);
  }
}

/** sha256 of the canonical JSON of `value`, as `sha256:<hex>`. */
export function canonicalDigest(value: unknown): Digest {
  return sha256Hex(canonicalJson(value));
}

/** sha256 of a string (UTF-8) or bytes, as `sha256:<hex>`. */
export function sha256Hex(data: string | Uint8Array): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}` as Digest;
}
