import { describe, expect, it } from 'vitest';
import { toLuceneQuery, toSearchText } from './artifact-search.ts';

describe('toLuceneQuery', () => {
  it('requires every word as a lowercase prefix', () => {
    expect(toLuceneQuery('Iris  Train')).toBe('+iris* +train*');
  });

  it('splits URIs the way the standard analyzer does, so a pasted URI still matches', () => {
    expect(toLuceneQuery('s3://bucket/iris.csv')).toBe('+s3* +bucket* +iris.csv*');
  });

  it('escapes Lucene syntax so user text can never change the query structure', () => {
    expect(toLuceneQuery("it's")).toBe("+it's*");
    expect(toLuceneQuery('a_b')).toBe('+a_b*');
    expect(toLuceneQuery('"x" OR y~')).toBe('+x* +or* +y*');
  });

  it('returns null when there are no words', () => {
    expect(toLuceneQuery('  ?! ')).toBeNull();
  });
});

describe('toSearchText', () => {
  it('flattens nested property values (not keys)', () => {
    expect(toSearchText({ owner: 'ada', tags: ['gold', 'v2'], stats: { rows: 150, ok: true, none: null } })).toBe('ada gold v2 150 true');
  });
});
