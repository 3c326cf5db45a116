/**
 * Random valid pipelines for property-based tests. A plan (plain data, so it can be built twice)
 * is drawn step by step; each step only references earlier steps that can run in the same
 * execution (never a step in the other branch of a condition it is in), so every plan is valid by
 * construction. `buildPipeline` turns a plan into builder objects.
 */
import fc from 'fast-check';
import type { ArtifactType } from '@pedigree/domain';
import {
  And,
  command,
  defineCallbackStep,
  defineConditionStep,
  defineEvaluationStep,
  defineFailStep,
  defineParameter,
  definePipeline,
  defineProcessingStep,
  defineRegisterModelStep,
  defineTrainingStep,
  equals,
  ExecutionVariables,
  greaterThan,
  handler,
  In,
  Join,
  lessThanOrEqual,
  Not,
  Or,
  type AnyStep,
  type Condition,
  type ParameterRef,
  type ParameterSpec,
  type Pipeline,
  type Value,
} from '../index.ts';

type ParamType = 'String' | 'Integer' | 'Float' | 'Boolean';

/** A reference to a value, by the index of an earlier step where needed. */
type ValuePlan =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'param'; index: number }
  | { kind: 'exec'; which: 'PIPELINE_EXECUTION_ID' | 'PIPELINE_NAME' | 'START_DATETIME' }
  | { kind: 'output'; step: number; output: number }
  | { kind: 'jsonGet'; step: number; path: string }
  | { kind: 'callback'; step: number }
  | { kind: 'join'; on: string; values: ValuePlan[] };

type ConditionPlan =
  | { kind: 'gt' | 'le'; left: ValuePlan; right: ValuePlan }
  | { kind: 'eq'; left: ValuePlan; right: ValuePlan }
  | { kind: 'in'; value: ValuePlan; values: ValuePlan[] }
  | { kind: 'not'; condition: ConditionPlan }
  | { kind: 'and' | 'or'; conditions: ConditionPlan[] };

type StepPlan =
  | {
      kind: 'job';
      jobType: 'processing' | 'training' | 'evaluation';
      handler: boolean;
      argv: ValuePlan[];
      inputs: ({ from: 'output'; step: number; output: number } | { from: 'uri'; uri: string } | { from: 'param'; index: number })[];
      outputs: ArtifactType[];
      propertyFile: boolean;
      args: ValuePlan[];
      cache: { enabled: boolean; expireAfter: string | null } | null;
      retry: { maxAttempts: number; backoffRate: number } | null;
      timeout: string | number | null;
    }
  | { kind: 'fail'; message: ValuePlan }
  | { kind: 'callback'; outputType: ParamType; timeout: number | null }
  | { kind: 'register'; model: { step: number; output: number }; metrics: ValuePlan[] }
  | { kind: 'condition'; conditions: ConditionPlan[] };

export interface PipelinePlan {
  name: string;
  maxParallelSteps: number | null;
  params: { type: ParamType; hasDefault: boolean }[];
  steps: (StepPlan & { dependsOn: number[]; branch: { condition: number; branch: 'if' | 'else' } | null })[];
}

const ARTIFACTS: ArtifactType[] = ['DataSet', 'Model', 'Metrics', 'Other'];

/** An arbitrary valid pipeline plan of 1..maxSteps steps. */
export function pipelinePlan(maxSteps = 10): fc.Arbitrary<PipelinePlan> {
  return fc.gen().map((g) => {
    const pick = <T>(items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })]!;
    const chance = (percent: number): boolean => g(fc.nat, { max: 99 }) < percent;
    const params = Array.from({ length: g(fc.nat, { max: 3 }) }, () => ({
      type: pick(['String', 'Integer', 'Float', 'Boolean'] as const),
      hasDefault: chance(70),
    }));
    const steps: PipelinePlan['steps'] = [];
    const chains: { condition: number; branch: 'if' | 'else' }[][] = [];
    const count = g(fc.integer, { min: 1, max: maxSteps });
    for (let i = 0; i < count; i++) {
      // Branch membership first: it decides which earlier steps this one may reference.
      const conditions = steps.map((s, k) => (s.kind === 'condition' ? k : -1)).filter((k) => k >= 0);
      const branch = conditions.length > 0 && chance(40) ? { condition: pick(conditions), branch: pick(['if', 'else'] as const) } : null;
      const chain = branch ? [branch, ...chains[branch.condition]!] : [];
      const compatible = (k: number): boolean =>
        !chains[k]!.some((a) => chain.some((b) => a.condition === b.condition && a.branch !== b.branch)) && steps[k]!.kind !== 'condition';
      const earlier = steps.map((_, k) => k).filter(compatible);
      const jobs = earlier.filter((k) => steps[k]!.kind === 'job');
      const outputsOf = (k: number): ArtifactType[] => {
        const s = steps[k]!;
        return s.kind === 'job' ? s.outputs : [];
      };
      const withOutputs = jobs.filter((k) => outputsOf(k).length > 0);
      const withFiles = jobs.filter((k) => {
        const s = steps[k]!;
        return s.kind === 'job' && s.propertyFile;
      });
      const callbacks = earlier.filter((k) => steps[k]!.kind === 'callback');
      const models = withOutputs.flatMap((k) => outputsOf(k).flatMap((t, o) => (t === 'Model' ? [{ step: k, output: o }] : [])));

      const value = (depth = 0): ValuePlan => {
        const options: (() => ValuePlan)[] = [
          () => ({ kind: 'literal', value: pick(['x', 'a b', '', 0, 1.5, -3, true, false]) }),
          () => ({ kind: 'exec', which: pick(['PIPELINE_EXECUTION_ID', 'PIPELINE_NAME', 'START_DATETIME'] as const) }),
        ];
        if (params.length > 0) options.push(() => ({ kind: 'param', index: g(fc.nat, { max: params.length - 1 }) }));
        if (withOutputs.length > 0)
          options.push(() => {
            const step = pick(withOutputs);
            return { kind: 'output', step, output: g(fc.nat, { max: outputsOf(step).length - 1 }) };
          });
        if (withFiles.length > 0)
          options.push(() => ({ kind: 'jsonGet', step: pick(withFiles), path: pick(['metrics.accuracy', 'a[0].b', 'x']) }));
        if (callbacks.length > 0) options.push(() => ({ kind: 'callback', step: pick(callbacks) }));
        if (depth < 2)
          options.push(() => ({
            kind: 'join',
            on: pick(['', ',', '/']),
            values: Array.from({ length: g(fc.nat, { max: 3 }) }, () => value(depth + 1)),
          }));
        return pick(options)();
      };
      const numeric = (): ValuePlan => {
        const options: (() => ValuePlan)[] = [() => ({ kind: 'literal', value: pick([0, 1, 0.5, -2]) })];
        const numericParams = params.flatMap((p, index) => (p.type === 'Integer' || p.type === 'Float' ? [index] : []));
        if (numericParams.length > 0) options.push(() => ({ kind: 'param', index: pick(numericParams) }));
        if (withFiles.length > 0) options.push(() => ({ kind: 'jsonGet', step: pick(withFiles), path: 'metrics.accuracy' }));
        const numericCallbacks = callbacks.filter((k) => {
          const s = steps[k]!;
          return s.kind === 'callback' && (s.outputType === 'Integer' || s.outputType === 'Float');
        });
        if (numericCallbacks.length > 0) options.push(() => ({ kind: 'callback', step: pick(numericCallbacks) }));
        return pick(options)();
      };
      const condition = (depth = 0): ConditionPlan => {
        const options: (() => ConditionPlan)[] = [
          () => ({ kind: pick(['gt', 'le'] as const), left: numeric(), right: numeric() }),
          () => ({ kind: 'eq', left: numeric(), right: numeric() }),
          () => ({ kind: 'in', value: numeric(), values: Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, numeric) }),
        ];
        if (depth < 2) {
          options.push(() => ({ kind: 'not', condition: condition(depth + 1) }));
          options.push(() => ({
            kind: pick(['and', 'or'] as const),
            conditions: Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, () => condition(depth + 1)),
          }));
        }
        return pick(options)();
      };

      const kinds: StepPlan['kind'][] = ['job', 'job', 'job', 'fail', 'callback', 'condition'];
      if (models.length > 0) kinds.push('register', 'register');
      const kind = pick(kinds);
      let plan: StepPlan;
      if (kind === 'job') {
        const stringParams = params.flatMap((p, index) => (p.type === 'String' ? [index] : []));
        plan = {
          kind: 'job',
          jobType: pick(['processing', 'training', 'evaluation'] as const),
          handler: chance(50),
          argv: Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, () => value()),
          inputs: Array.from({ length: g(fc.nat, { max: 3 }) }, () => {
            if (withOutputs.length > 0 && chance(60)) {
              const step = pick(withOutputs);
              return { from: 'output' as const, step, output: g(fc.nat, { max: outputsOf(step).length - 1 }) };
            }
            if (stringParams.length > 0 && chance(50)) return { from: 'param' as const, index: pick(stringParams) };
            return { from: 'uri' as const, uri: pick(['data/a.csv', 'file:///data/b.csv', 'openlineage://ns/table']) };
          }),
          outputs: Array.from({ length: g(fc.nat, { max: 3 }) }, () => pick(ARTIFACTS)),
          propertyFile: false,
          args: Array.from({ length: g(fc.nat, { max: 3 }) }, () => value()),
          cache: chance(50) ? { enabled: chance(80), expireAfter: pick([null, 'P30D', 'PT12H', 'P1Y2M']) } : null,
          retry: chance(30) ? { maxAttempts: g(fc.integer, { min: 1, max: 20 }), backoffRate: pick([1, 1.5, 2, 10]) } : null,
          timeout: chance(30) ? pick(['PT1H', 'PT30M', 120, 0.5]) : null,
        };
        plan.propertyFile = plan.outputs.length > 0 && chance(60);
      } else if (kind === 'fail') plan = { kind: 'fail', message: value() };
      else if (kind === 'callback')
        plan = {
          kind: 'callback',
          outputType: pick(['String', 'Integer', 'Float', 'Boolean'] as const),
          timeout: chance(50) ? 3600 : null,
        };
      else if (kind === 'register')
        plan = { kind: 'register', model: pick(models), metrics: Array.from({ length: g(fc.nat, { max: 2 }) }, () => value()) };
      else plan = { kind: 'condition', conditions: Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, () => condition()) };
      const dependsOn = earlier.filter(() => chance(15));
      steps.push({ ...plan, dependsOn, branch });
      chains.push(chain);
    }
    return { name: `p-${g(fc.nat, { max: 999 })}`, maxParallelSteps: chance(50) ? g(fc.integer, { min: 1, max: 8 }) : null, params, steps };
  });
}

function paramSpec(type: ParamType, hasDefault: boolean): ParameterSpec {
  switch (type) {
    case 'String':
      return defineParameter.string(hasDefault ? { default: 'data/in.csv' } : {});
    case 'Integer':
      return defineParameter.integer(hasDefault ? { default: 3, enum: [1, 3, 5] } : {});
    case 'Float':
      return defineParameter.float(hasDefault ? { default: 0.5 } : {});
    case 'Boolean':
      return defineParameter.boolean(hasDefault ? { default: true } : {});
  }
}

/** Builds the builder objects for a plan (fresh objects on every call). */
export function buildPipeline(plan: PipelinePlan): Pipeline {
  const specs: Record<string, ParameterSpec> = {};
  plan.params.forEach((p, i) => (specs[`P${i}`] = paramSpec(p.type, p.hasDefault)));
  return definePipeline({
    name: plan.name,
    maxParallelSteps: plan.maxParallelSteps ?? undefined,
    parameters: specs,
    steps: (params) => {
      const refs = params as Record<string, ParameterRef>;
      const built: (AnyStep | undefined)[] = [];
      const members = (c: number, branch: 'if' | 'else'): number[] =>
        plan.steps.flatMap((s, k) => (s.branch?.condition === c && s.branch.branch === branch ? [k] : []));
      // Conditions need their branch members' objects, so members are built first (post-order).
      const build = (i: number): AnyStep => {
        const existing = built[i];
        if (existing) return existing;
        const s = plan.steps[i]!;
        const anyOf = (k: number) =>
          build(k) as unknown as { outputs: Record<string, Value>; propertyFiles: Record<string, { get(p: string): Value }> };
        const value = (v: ValuePlan): Value => {
          switch (v.kind) {
            case 'literal':
              return v.value;
            case 'param':
              return refs[`P${v.index}`]!;
            case 'exec':
              return ExecutionVariables[v.which];
            case 'output':
              return anyOf(v.step).outputs[`o${v.output}`]!;
            case 'jsonGet':
              return anyOf(v.step).propertyFiles.summary!.get(v.path);
            case 'callback':
              return anyOf(v.step).outputs.answer!;
            case 'join':
              return Join({ on: v.on, values: v.values.map(value) });
          }
        };
        const condition = (c: ConditionPlan): Condition => {
          switch (c.kind) {
            case 'gt':
              return greaterThan(value(c.left) as never, value(c.right) as never);
            case 'le':
              return lessThanOrEqual(value(c.left) as never, value(c.right) as never);
            case 'eq':
              return equals(value(c.left) as never, value(c.right) as never);
            case 'in':
              return In(value(c.value) as never, c.values.map(value) as never);
            case 'not':
              return Not(condition(c.condition));
            case 'and':
              return And(...c.conditions.map(condition));
            case 'or':
              return Or(...c.conditions.map(condition));
          }
        };
        const common = { name: `s${i}`, dependsOn: s.dependsOn.map(build) };
        let step: AnyStep;
        if (s.kind === 'job') {
          const define =
            s.jobType === 'processing' ? defineProcessingStep : s.jobType === 'training' ? defineTrainingStep : defineEvaluationStep;
          const outputs = Object.fromEntries(s.outputs.map((t, k) => [`o${k}`, t]));
          step = define({
            ...common,
            run: s.handler ? handler(`steps/s${i}.ts`, 'run') : command(s.argv.map(value)),
            inputs: Object.fromEntries(
              s.inputs.map((input, k) => [
                `in${k}`,
                input.from === 'output'
                  ? anyOf(input.step).outputs[`o${input.output}`]
                  : input.from === 'param'
                    ? refs[`P${input.index}`]
                    : input.uri,
              ]),
            ) as never,
            outputs,
            propertyFiles: (s.propertyFile ? { summary: { output: 'o0', path: 'summary.json' } } : {}) as never,
            arguments: Object.fromEntries(s.args.map((a, k) => [`a${k}`, value(a)])),
            cache: s.cache ?? undefined,
            retry: s.retry ?? undefined,
            timeout: s.timeout ?? undefined,
          });
        } else if (s.kind === 'fail') step = defineFailStep({ ...common, errorMessage: value(s.message) });
        else if (s.kind === 'callback')
          step = defineCallbackStep({ ...common, outputs: { answer: s.outputType }, timeout: s.timeout ?? undefined });
        else if (s.kind === 'register') {
          step = defineRegisterModelStep({
            ...common,
            modelPackageGroup: 'group-1',
            model: anyOf(s.model.step).outputs[`o${s.model.output}`] as never,
            metrics: Object.fromEntries(s.metrics.map((m, k) => [`m${k}`, value(m)])),
          });
        } else {
          step = defineConditionStep({
            ...common,
            conditions: s.conditions.map(condition),
            ifSteps: members(i, 'if').map(build),
            elseSteps: members(i, 'else').map(build),
          });
        }
        built[i] = step;
        return step;
      };
      return plan.steps.map((_, i) => build(i));
    },
  });
}
