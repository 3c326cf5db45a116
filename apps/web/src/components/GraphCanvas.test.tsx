import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderView } from '../test/render.tsx';
import { GraphCanvas, type CanvasNode } from './GraphCanvas.tsx';

const node = (id: string): CanvasNode => ({ id, data: { title: id, kind: 'step', kindIcon: '•' } });
const nodes = ['a', 'b', 'c'].map(node);
const edges = [
  { id: 'a-b', source: 'a', target: 'b' },
  { id: 'a-c', source: 'a', target: 'c' },
];

function nodeElement(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
  if (!element) throw new Error(`node ${id} is not rendered`);
  return element;
}

describe('GraphCanvas keyboard navigation', () => {
  it('moves downstream with →, within a layer with ↓, upstream with ←, and selects with Enter', async () => {
    const onSelect = vi.fn();
    renderView(<GraphCanvas nodes={nodes} edges={edges} ariaLabel="Test graph" onSelect={onSelect} />, {
      path: '/',
      route: '/',
      responses: {},
    });
    const graph = screen.getByRole('group', { name: 'Test graph' });
    await waitFor(() => expect(graph).toHaveAttribute('data-ready', 'true'), { timeout: 15_000 });
    nodeElement('a').focus();
    await userEvent.keyboard('{ArrowRight}');
    const first = document.activeElement?.getAttribute('data-id');
    expect(['b', 'c']).toContain(first);
    // b and c share a layer: ↓ then ↑ ends on the upper one (b), whichever of the two → reached.
    await userEvent.keyboard('{ArrowDown}{ArrowUp}');
    expect(document.activeElement?.getAttribute('data-id')).toBe('b');
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(nodeElement('a'));
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith('a');
  });
});
