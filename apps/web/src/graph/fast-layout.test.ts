import { describe, expect, it } from 'vitest';
import { fastLayeredLayout } from './fast-layout.ts';

const node = (id: string) => ({ id, width: 100, height: 40 });

describe('fastLayeredLayout', () => {
  it('puts every node after its predecessors, even with a cycle', () => {
    const { positions } = fastLayeredLayout({
      direction: 'RIGHT',
      nodes: ['a', 'b', 'c', 'd'].map(node),
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'b', target: 'c' },
        { id: '3', source: 'a', target: 'c' },
        { id: '4', source: 'c', target: 'a' },
        { id: '5', source: 'd', target: 'c' },
      ],
    });
    expect(positions['a']!.x).toBeLessThan(positions['b']!.x);
    expect(positions['b']!.x).toBeLessThan(positions['c']!.x);
    expect(positions['d']!.x).toBeLessThan(positions['c']!.x);
  });

  it('lays out 1,000 nodes and 1,500 edges quickly (a loose guard against quadratic blow-ups; npm run bench:web measures) without overlaps', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`));
    const edges = Array.from({ length: 1500 }, (_, i) => ({
      id: `e${i}`,
      source: `n${(i * 7) % 999}`,
      target: `n${Math.min(999, ((i * 7) % 999) + 1 + (i % 13))}`,
    }));
    const started = performance.now();
    const { positions } = fastLayeredLayout({ direction: 'RIGHT', nodes, edges });
    expect(performance.now() - started).toBeLessThan(1000);
    const seen = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
    expect(seen.size).toBe(1000);
  });
});
