import { describe, expect, it } from 'vitest';
import { buildAdjacency, nodesBetween } from './adjacency.ts';

const edges = [
  { source: 'data', target: 'prep' },
  { source: 'prep', target: 'train' },
  { source: 'prep', target: 'test' },
  { source: 'train', target: 'model' },
  { source: 'test', target: 'eval' },
  { source: 'model', target: 'eval' },
];

describe('nodesBetween', () => {
  it('returns exactly the nodes on some path from one node to the other', () => {
    expect([...nodesBetween(buildAdjacency(edges), 'prep', 'eval')].sort()).toEqual(['eval', 'model', 'prep', 'test', 'train']);
  });

  it('is empty against the arrows', () => {
    expect(nodesBetween(buildAdjacency(edges), 'model', 'data').size).toBe(0);
  });
});
