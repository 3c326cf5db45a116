import { describe, expect, it } from 'vitest';
import { durationBetween, formatBytes, formatDuration, shortDigest, shortId } from './format.ts';

describe('format', () => {
  it('formats durations at a readable precision', () => {
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(2337)).toBe('2.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('—');
  });

  it('measures running durations up to now', () => {
    expect(durationBetween('2026-01-01T00:00:00.000Z', null, Date.parse('2026-01-01T00:00:01.500Z'))).toBe(1500);
  });

  it('shortens digests, ids and sizes', () => {
    expect(shortDigest('sha256:91eb642c3adbc7bad8e9')).toBe('sha256:91eb642c3adb');
    expect(shortId('ex_01a23ccd949f7000cc1ea0f063440744')).toBe('ex_f063440744');
    expect(formatBytes(3600)).toBe('3.5 KB');
  });
});
