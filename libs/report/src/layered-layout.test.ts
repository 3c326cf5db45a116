import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered-layout.ts';

const nodes = (...ids: string[]) => ids.map((id) => ({ id }));

describe('layeredLayout', () => {
  it('places every edge of a DAG left to right, one layer per longest path step', () => {
    const layout = layeredLayout(nodes('raw', 'prep', 'train', 'test', 'fit', 'model'), [
      { from: 'raw', to: 'prep' },
      { from: 'prep', to: 'train' },
      { from: 'prep', to: 'test' },
      { from: 'train', to: 'fit' },
      { from: 'fit', to: 'model' },
      { from: 'raw', to: 'model' },
    ]);
    const layer = new Map(layout.nodes.map((n) => [n.id, n.layer]));
    expect(layer.get('model')).toBe(4);
    for (const e of layout.edges) expect(e.x2).toBeGreaterThan(e.x1);
  });

  it('never overlaps two nodes and keeps them inside the canvas', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const edges = ids.slice(1).map((id, i) => ({ from: ids[Math.floor(i / 3)]!, to: id }));
    const layout = layeredLayout(nodes(...ids), edges);
    for (const a of layout.nodes) {
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
      expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('reduces crossings: children follow the order of their parents', () => {
    // Ids sorted the "wrong" way round so that only the barycenter sweep can untangle them.
    const layout = layeredLayout(nodes('a', 'b', 'y', 'z'), [
      { from: 'a', to: 'z' },
      { from: 'b', to: 'y' },
    ]);
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    expect(y.get('z')! < y.get('y')!).toBe(y.get('a')! < y.get('b')!);
  });

  it('terminates on a cycle and is deterministic', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
    ];
    const one = layeredLayout(nodes('a', 'b', 'c'), edges);
    expect(one.nodes).toHaveLength(3);
    expect(layeredLayout(nodes('c', 'b', 'a'), [...edges].reverse()).nodes).toEqual(one.nodes);
  });
});
