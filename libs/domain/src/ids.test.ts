import { describe, expect, it } from 'vitest';
import { artifactIdFor, contextIdFor, createExecutionId, createSortableIdBody, isDigest, pipelineVersionIdFor } from './ids.ts';

describe('ids', () => {
  it('makes time-ordered ids that sort in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => createExecutionId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^ex_[0-9a-f]{32}$/);
    const before = Date.now();
    const stamp = parseInt(createSortableIdBody().slice(0, 12), 16);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThan(before + 1000);
  });

  it('derives artifact ids from uri and digest: same content at the same uri is one id', () => {
    const d = 'sha256:' + 'a'.repeat(64);
    expect(artifactIdFor('file:///x', d)).toBe(artifactIdFor('file:///x', d));
    expect(artifactIdFor('file:///x', d)).not.toBe(artifactIdFor('file:///y', d));
    expect(artifactIdFor('file:///x', d)).not.toBe(artifactIdFor('file:///x', 'sha256:' + 'b'.repeat(64)));
    // The separator keeps ("ab","c") and ("a","bc") apart.
    expect(contextIdFor('ab', 'c')).not.toBe(contextIdFor('a', 'bc'));
    expect(pipelineVersionIdFor('p', d)).toMatch(/^pv_[0-9a-f]{32}$/);
  });

  it('recognises digests', () => {
    expect(isDigest('sha256:' + '0'.repeat(64))).toBe(true);
    expect(isDigest('sha256:' + '0'.repeat(63))).toBe(false);
    expect(isDigest('md5:abc')).toBe(false);
  });
});
