/*
 * Full-text search support: what goes into the `artifact_search` index and how the user's words
 * become a Lucene query. The query is a parameter of a static statement; it is never Cypher.
 */
import type { JsonValue } from '@pedigree/domain';

/** Property values (not keys) flattened to one space-separated string for the full-text index. */
export function toSearchText(properties: Readonly<Record<string, JsonValue>>): string {
  const parts: string[] = [];
  const visit = (value: JsonValue): void => {
    if (value === null) return;
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object') Object.values(value).forEach(visit);
    else parts.push(String(value));
  };
  Object.values(properties).forEach(visit);
  return parts.join(' ');
}

// Every character Lucene's classic query parser treats specially.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * The words of `text` as a Lucene query in which every word must match as a prefix
 * (`+iris* +train*`). Words are split the way the index's standard analyzer splits (on anything
 * but letters, digits, `.`, `_` and `'`) and lowercased, because wildcard terms are not analyzed.
 * Returns null when the text has no words.
 */
export function toLuceneQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}._']+/u)
    .map((w) => w.replace(/^[.']+|[.']+$/g, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w) => `+${w.replace(LUCENE_SPECIAL, (c) => `\\${c}`)}*`).join(' ');
}
