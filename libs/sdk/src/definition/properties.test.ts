/**
 * Property-based tests: random valid pipelines compile, validate, round-trip and hash
 * deterministically; random mutations of them, and random garbage, are rejected with a
 * ValidationError (never another exception).
 */
import { canonicalJson, ValidationError } from '@pedigree/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePipeline } from '../builder/compile.ts';
import { buildPipeline, pipelinePlan } from '../testing/random-pipelines.ts';
import { analyzeDefinition } from './analyze.ts';
import { parseDefinition } from './parse.ts';
import { stepReferences } from './references.ts';
import type { PipelineDefinition } from './types.ts';
import { validateDefinition } from './validate.ts';

type Json = Record<string, unknown>;
type JsonStep = Json & { name: string; type: string; dependsOn: string[] };

function expectRejected(input: unknown): ValidationError {
  let thrown: unknown = null;
  try {
    parseDefinition(input);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof ValidationError)) {
    throw new Error(
      `expected a ValidationError, got ${thrown === null ? 'success' : String(thrown)}\n${typeof input === 'string' ? input : JSON.stringify(input)}`,
    );
  }
  expect(thrown.issues.length).toBeGreaterThan(0);
  for (const issue of thrown.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
  return thrown;
}

const compiledPlans = pipelinePlan(10).map((plan) => ({ plan, compiled: compilePipeline(buildPipeline(plan)) }));

describe('random valid pipelines', () => {
  it('compile, validate, round-trip and hash deterministically', () => {
    fc.assert(
      fc.property(pipelinePlan(12), (plan) => {
        const first = compilePipeline(buildPipeline(plan));
        const second = compilePipeline(buildPipeline(plan));
        expect(second.json).toBe(first.json);
        expect(second.definitionHash).toBe(first.definitionHash);
        expect(validateDefinition(first.definition)).toEqual([]);
        const parsed = parseDefinition(first.json);
        expect(parsed).toEqual(first.definition);
        expect(canonicalJson(parsed)).toBe(first.json);
        const analysis = analyzeDefinition(parsed);
        expect(new Set(analysis.order)).toEqual(new Set(parsed.steps.map((s) => s.name)));
        const position = new Map(analysis.order.map((n, i) => [n, i]));
        for (const [step, deps] of analysis.dependencies)
          for (const dep of deps) expect(position.get(dep)!).toBeLessThan(position.get(step)!);
      }),
      { numRuns: 150 },
    );
  });
});

/** Steps that another step names: in its fields or in a condition's branch lists. */
function referencedSteps(def: PipelineDefinition): string[] {
  const named = new Set<string>();
  for (const step of def.steps) {
    for (const ref of stepReferences(step)) named.add(ref.step);
    if (step.type === 'condition') [...step.ifSteps, ...step.elseSteps].forEach((n) => named.add(n));
  }
  return def.steps.filter((s) => named.has(s.name)).map((s) => s.name);
}

describe('random mutations of valid definitions are rejected with ValidationError', () => {
  it('deleting a step that another step needs', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), ({ compiled }, seed) => {
        const needed = referencedSteps(compiled.definition);
        fc.pre(needed.length > 0);
        const victim = needed[seed % needed.length]!;
        const doc = JSON.parse(compiled.json) as Json & { steps: JsonStep[] };
        doc.steps = doc.steps.filter((s) => s.name !== victim);
        const error = expectRejected(doc);
        expect(error.issues.some((i) => i.message.includes(JSON.stringify(victim)) || (doc.steps.length === 0 && i.path === 'steps'))).toBe(
          true,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('renaming a reference to a step or output that does not exist', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), fc.boolean(), ({ compiled }, seed, renameStep) => {
        const doc = JSON.parse(compiled.json) as Json & { steps: JsonStep[] };
        // Every object in the document that names a step (and maybe an output) is a reference.
        const holders: Json[] = [];
        const visit = (node: unknown, parentKey: string): void => {
          if (Array.isArray(node)) return node.forEach((n) => visit(n, parentKey));
          if (node === null || typeof node !== 'object') return;
          const obj = node as Json;
          if (typeof obj.step === 'string' && parentKey !== 'steps') holders.push(obj);
          for (const [k, v] of Object.entries(obj)) visit(v, k);
        };
        visit(doc.steps, 'steps');
        const dependsOnHolders = doc.steps.filter((s) => s.dependsOn.length > 0);
        fc.pre(holders.length + dependsOnHolders.length > 0);
        const index = seed % (holders.length + dependsOnHolders.length);
        if (index < holders.length) {
          const holder = holders[index]!;
          if (renameStep || !('output' in holder || 'propertyFile' in holder)) holder.step = `${holder.step as string}_missing`;
          else if ('output' in holder) holder.output = `${holder.output as string}_missing`;
          else holder.propertyFile = `${holder.propertyFile as string}_missing`;
        } else {
          const step = dependsOnHolders[index - holders.length]!;
          step.dependsOn[0] = `${step.dependsOn[0]}_missing`;
        }
        expect(expectRejected(doc).issues.some((i) => i.message.includes('_missing'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('injecting a cycle', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), ({ compiled }, seed) => {
        const def = compiled.definition;
        const edges = def.steps.flatMap((s) => [...analyzeDefinition(def).dependencies.get(s.name)!].map((dep) => [s.name, dep] as const));
        const doc = JSON.parse(compiled.json) as Json & { steps: JsonStep[] };
        if (edges.length === 0) {
          // No edges: a step depending on itself is the smallest cycle.
          doc.steps[seed % doc.steps.length]!.dependsOn.push(doc.steps[seed % doc.steps.length]!.name);
          expect(expectRejected(doc).issues.some((i) => /cannot depend on itself/.test(i.message))).toBe(true);
          return;
        }
        const [from, to] = edges[seed % edges.length]!;
        const target = doc.steps.find((s) => s.name === to)!;
        target.dependsOn = [...target.dependsOn.filter((d) => d !== from), from];
        expect(
          expectRejected(doc).issues.some((i) => /dependency cycle|cannot depend on itself|can never be satisfied/.test(i.message)),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('corrupting the type of any field', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), ({ compiled }, seed) => {
        const doc = JSON.parse(compiled.json) as Json;
        // Every position in the document, as [container, key].
        const slots: [Json | unknown[], string | number][] = [];
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) {
            node.forEach((v, i) => {
              slots.push([node, i]);
              visit(v);
            });
          } else if (node !== null && typeof node === 'object') {
            for (const [k, v] of Object.entries(node)) {
              slots.push([node as Json, k]);
              visit(v);
            }
          }
        };
        visit(doc);
        const [container, key] = slots[seed % slots.length]!;
        const old = (container as Record<string | number, unknown>)[key];
        // A replacement of a JSON type that no position of the format accepts in place of the old value.
        (container as Record<string | number, unknown>)[key] =
          old !== null && typeof old === 'object' && !Array.isArray(old) ? 42 : { corrupt: true };
        expectRejected(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('comparing a string with a number in a condition', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), ({ compiled }, seed) => {
        const doc = JSON.parse(compiled.json) as Json & { steps: (JsonStep & { conditions?: Json[] })[] };
        const comparisons: Json[] = [];
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(visit);
          if (node === null || typeof node !== 'object') return;
          const obj = node as Json;
          if (['greaterThan', 'lessThanOrEqual'].includes(obj.kind as string)) comparisons.push(obj);
          Object.values(obj).forEach(visit);
        };
        doc.steps.forEach((s) => visit(s.conditions ?? []));
        fc.pre(comparisons.length > 0);
        comparisons[seed % comparisons.length]!.left = { kind: 'literal', value: 'not a number' };
        expect(expectRejected(doc).issues.some((i) => /type mismatch/.test(i.message))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('truncating the JSON text', () => {
    fc.assert(
      fc.property(compiledPlans, fc.nat(), ({ compiled }, seed) => {
        const cut = seed % compiled.json.length;
        expect(expectRejected(compiled.json.slice(0, cut)).issues[0]!.message).toMatch(/^malformed JSON at line 1, column \d+/);
      }),
      { numRuns: 100 },
    );
  });

  it('random JSON values and random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json(), fc.anything()), (garbage) => {
        expectRejected(garbage);
      }),
      { numRuns: 300 },
    );
  });

  it('random objects carrying the right schema version', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (rest, steps) => {
        expectRejected({ ...rest, schemaVersion: '1', steps });
      }),
      { numRuns: 200 },
    );
  });
});

describe('reference walker', () => {
  it('finds every step name a definition mentions (apart from branch lists)', () => {
    fc.assert(
      fc.property(compiledPlans, ({ compiled }) => {
        for (const step of compiled.definition.steps) {
          const text = JSON.stringify({ ...step, ifSteps: [], elseSteps: [], name: '' });
          const mentioned = new Set([...text.matchAll(/"step":"([^"]+)"/g)].map((m) => m[1]));
          step.dependsOn.forEach((d) => mentioned.add(d));
          expect(new Set(stepReferences(step).map((r) => r.step))).toEqual(mentioned);
        }
      }),
      { numRuns: 60 },
    );
  });
});
