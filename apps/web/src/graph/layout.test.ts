import Elk from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { runElkLayout } from './layout.ts';

describe('runElkLayout', () => {
  it('places every node, later layers further right', async () => {
    const result = await runElkLayout(new Elk(), {
      direction: 'RIGHT',
      nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 100, height: 40 })),
      edges: [
        { id: 'a-b', source: 'a', target: 'b' },
        { id: 'b-c', source: 'b', target: 'c' },
        { id: 'dangling', source: 'b', target: 'missing' },
      ],
    });
    expect(Object.keys(result.positions).sort()).toEqual(['a', 'b', 'c']);
    expect(result.positions['a']!.x).toBeLessThan(result.positions['b']!.x);
    expect(result.positions['b']!.x).toBeLessThan(result.positions['c']!.x);
  });
});
