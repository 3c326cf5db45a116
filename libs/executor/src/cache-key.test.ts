import { describe, expect, it } from 'vitest';
import { CACHE_FORMAT_VERSION, cacheKeyOf, diffKeyMaterial, type CacheKeyMaterial } from './cache-key.ts';

const material = (over: Partial<CacheKeyMaterial> = {}): CacheKeyMaterial => ({
  cacheFormatVersion: CACHE_FORMAT_VERSION,
  stepType: 'training',
  arguments: { learningRate: 0.1, epochs: 10 },
  code: { kind: 'handler', module: 'train.ts', export: 'train', digest: 'sha256:aa' },
  inputs: { train: { digest: 'sha256:11' } },
  environment: {},
  outputs: { channels: { model: 'Model' }, propertyFiles: {} },
  ...over,
});

describe('cache key', () => {
  it('is the same for the same material regardless of key order', () => {
    const a = material();
    const b = material({ arguments: { epochs: 10, learningRate: 0.1 } });
    expect(cacheKeyOf(a)).toBe(cacheKeyOf(b));
    expect(cacheKeyOf(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('names the differing fields by path', () => {
    const before = material();
    const after = material({ arguments: { learningRate: 0.2, epochs: 10 }, inputs: { train: { digest: 'sha256:22' } } });
    expect(cacheKeyOf(before)).not.toBe(cacheKeyOf(after));
    expect(diffKeyMaterial(before, after)).toEqual(['arguments.learningRate', 'inputs.train.digest']);
    expect(diffKeyMaterial(before, material({ inputs: { train: { digest: 'sha256:11' }, extra: { digest: 'sha256:33' } } }))).toEqual([
      'inputs.extra',
    ]);
    expect(diffKeyMaterial(before, before)).toEqual([]);
    expect(diffKeyMaterial(undefined, before)).toEqual(['(root)']);
  });
});
