import { canonicalDigest, canonicalJson, type JsonObject, type JsonValue } from '@pedigree/domain';

/**
 * Bumped whenever what goes into the key changes meaning, so that old entries stop matching
 * instead of matching wrongly.
 */
export const CACHE_FORMAT_VERSION = 2;

/**
 * Everything a step's result depends on, and nothing else: no timestamps, no absolute paths, no
 * URIs of inputs (their content digests instead). Stored on the step execution as
 * `resolvedArguments`, so a later miss can say which fields changed.
 */
export interface CacheKeyMaterial extends JsonObject {
  cacheFormatVersion: number;
  stepType: string;
  /** Named arguments; outputs appear as `{ output, digest }`. */
  arguments: JsonObject;
  /** `{ kind: 'handler', module, export, digest }` or `{ kind: 'command', argv, files: { <project-relative path>: digest } }`. */
  code: JsonObject;
  /** Input channel -> `{ digest }`. */
  inputs: { [name: string]: { digest: string } };
  /** The declared environment, resolved. */
  environment: JsonObject;
  /** Declared output channels and property files: a result without them cannot serve the step. */
  outputs: JsonObject;
}

/** `sha256:<hex>` of the canonical JSON of the material. */
export function cacheKeyOf(material: CacheKeyMaterial): string {
  return canonicalDigest(material);
}

/**
 * Field paths where two materials differ, e.g. `inputs.train.digest`, `arguments.learningRate`,
 * `code.files.scripts/train.py`; objects are compared member by member, anything else as a whole.
 */
export function diffKeyMaterial(before: JsonValue | undefined, after: JsonValue | undefined, prefix = ''): string[] {
  const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffKeyMaterial(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (before === undefined && after === undefined) return [];
  if (before !== undefined && after !== undefined && canonicalJson(before) === canonicalJson(after)) return [];
  return [prefix || '(root)'];
}
