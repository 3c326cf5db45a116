import { ValidationError } from '@pedigree/domain';
import { stepReferences } from './references.ts';
import type { PipelineDefinition } from './types.ts';

/** The scheduling view of a definition, computed by `analyzeDefinition`. */
export interface DefinitionAnalysis {
  /** A topological order of the step names; ties keep the declared order, so it is deterministic. */
  readonly order: readonly string[];
  /** step -> the steps it waits for: data references, `dependsOn`, and the condition whose branch lists it. */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** step -> the steps that wait for it (the reverse of `dependencies`). */
  readonly dependents: ReadonlyMap<string, ReadonlySet<string>>;
  /** step -> the condition step whose `ifSteps`/`elseSteps` list it directly (absent for unconditional steps). */
  readonly branchOf: ReadonlyMap<string, { readonly condition: string; readonly branch: 'if' | 'else' }>;
}

interface DependencyGraph {
  readonly names: readonly string[];
  readonly dependencies: Map<string, Set<string>>;
  readonly dependents: Map<string, Set<string>>;
  readonly branchOf: Map<string, { condition: string; branch: 'if' | 'else' }>;
}

/**
 * Builds the dependency graph over the known step names. Names that do not resolve to a step are
 * left out (validation reports them); the first declaration of a duplicated name wins.
 */
export function buildDependencyGraph(def: PipelineDefinition): DependencyGraph {
  const names: string[] = [];
  const dependencies = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  const branchOf = new Map<string, { condition: string; branch: 'if' | 'else' }>();
  for (const step of def.steps) {
    if (dependencies.has(step.name)) continue;
    names.push(step.name);
    dependencies.set(step.name, new Set());
    dependents.set(step.name, new Set());
  }
  const seen = new Set<string>();
  const addEdge = (from: string, to: string): void => {
    // `from` waits for `to`.
    if (!dependencies.has(to) || !dependencies.has(from)) return;
    dependencies.get(from)!.add(to);
    dependents.get(to)!.add(from);
  };
  for (const step of def.steps) {
    if (seen.has(step.name)) continue;
    seen.add(step.name);
    for (const ref of stepReferences(step)) addEdge(step.name, ref.step);
    if (step.type === 'condition') {
      for (const [branch, members] of [
        ['if', step.ifSteps],
        ['else', step.elseSteps],
      ] as const) {
        for (const member of members) {
          if (!dependencies.has(member) || member === step.name) continue;
          addEdge(member, step.name);
          if (!branchOf.has(member)) branchOf.set(member, { condition: step.name, branch });
        }
      }
    }
  }
  return { names, dependencies, dependents, branchOf };
}

/**
 * The cycles of the graph, each as the list of its step names in dependency order (a waits for b
 * waits for ... waits for a); one cycle per strongly connected component, self-loops included.
 */
export function findCycles(graph: DependencyGraph): string[][] {
  // Tarjan's algorithm, iterative so that long chains cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of graph.names) {
    if (index.has(root)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const enter = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, it: graph.dependencies.get(node)!.values() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = frame.it.next();
      if (!next.done) {
        const child = next.value;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && graph.dependencies.get(frame.node)!.has(frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  const position = new Map(graph.names.map((n, i) => [n, i]));
  return components
    .map((component) => cycleWithin(graph, new Set(component), position))
    .sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

/** One concrete cycle through a strongly connected component, starting at its first-declared step. */
function cycleWithin(graph: DependencyGraph, members: Set<string>, position: Map<string, number>): string[] {
  const start = [...members].sort((a, b) => position.get(a)! - position.get(b)!)[0]!;
  // Breadth-first from start back to start inside the component gives a shortest cycle.
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const next = [...graph.dependencies.get(node)!].filter((n) => members.has(n)).sort((a, b) => position.get(a)! - position.get(b)!);
    for (const child of next) {
      if (child === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return path;
      }
      if (!previous.has(child)) {
        previous.set(child, node);
        queue.push(child);
      }
    }
  }
  return [start];
}

/**
 * The scheduling view of a definition: a deterministic topological order, dependencies, dependents
 * and direct branch membership. Expects a definition that passed `validateDefinition`; throws
 * ValidationError (VALIDATION_FAILED) naming the steps of a cycle if the graph has one.
 */
export function analyzeDefinition(def: PipelineDefinition): DefinitionAnalysis {
  const graph = buildDependencyGraph(def);
  const cycles = findCycles(graph);
  if (cycles.length > 0) {
    throw new ValidationError(
      'pipeline definition',
      cycles.map((cycle) => ({ path: `steps(${cycle[0]})`, message: `dependency cycle: ${[...cycle, cycle[0]].join(' -> ')}` })),
    );
  }
  // Kahn's algorithm, always taking the earliest-declared ready step (a min-heap of positions).
  const remaining = graph.names.map((n) => graph.dependencies.get(n)!.size);
  const position = new Map(graph.names.map((n, i) => [n, i]));
  const heap = new MinHeap();
  remaining.forEach((count, i) => count === 0 && heap.push(i));
  const order: string[] = [];
  while (heap.size > 0) {
    const next = graph.names[heap.pop()]!;
    order.push(next);
    for (const dependent of graph.dependents.get(next)!) {
      const i = position.get(dependent)!;
      if (--remaining[i]! === 0) heap.push(i);
    }
  }
  return { order, dependencies: graph.dependencies, dependents: graph.dependents, branchOf: graph.branchOf };
}

/** A binary min-heap of non-negative integers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
