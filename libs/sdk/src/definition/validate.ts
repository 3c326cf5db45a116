/**
 * Semantic validation of a compiled definition. Runs on SDK output and on JSON that did not come
 * from the SDK alike, and reports every problem at once; each issue's path starts at the document
 * root and names steps as `steps[2](train)` so a reader finds the step by index or by name.
 */
import { ARTIFACT_TYPES, APPROVAL_STATUSES, type ErrorIssue } from '@pedigree/domain';
import { isIsoDuration } from '../duration.ts';
import { buildDependencyGraph, findCycles } from './analyze.ts';
import { parseJsonPath } from './json-path.ts';
import { forEachValueExpr, stepReferences } from './references.ts';
import {
  EXECUTION_VARIABLES,
  PARAMETER_TYPES,
  RETRYABLE_FAILURE_KINDS,
  type ConditionExpr,
  type JobStepDefinition,
  type RetryPolicy,
  type ParameterDefinition,
  type ParameterType,
  type PipelineDefinition,
  type StepDefinition,
  type ValueExpr,
} from './types.ts';

/** Pipeline names: letters, digits, `-`, `_`, `.`; starting with a letter or digit; at most 128. */
export const PIPELINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** Step names (SageMaker: `[A-Za-z0-9_-]`, at most 64). */
export const STEP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Parameter names (SageMaker: start with a letter, then letters, digits, `_`). */
export const PARAMETER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Channel, property-file and callback-output names. */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Argument and environment variable names (they become environment variables of commands). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Model package group names (SageMaker: alphanumerics and single hyphens). */
export const MODEL_PACKAGE_GROUP_PATTERN = /^[A-Za-z0-9](-?[A-Za-z0-9]){0,62}$/;
const EXPORT_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_ENV_PREFIX = 'PEDIGREE_';

/** Limits of a retry policy (types.ts RetryPolicy). */
export const RETRY_LIMITS = {
  maxAttempts: { min: 1, max: 20 },
  initialIntervalSeconds: { min: 0, max: 3600 },
  backoffRate: { min: 1, max: 10 },
  maxIntervalSeconds: { max: 86_400 },
} as const;

/** What an expression evaluates to, as far as can be known before running. */
type ValueType = 'string' | 'number' | 'boolean' | 'unknown';

const JOB_TYPES = new Set(['processing', 'training', 'evaluation']);

function stepLabel(index: number, name: unknown): string {
  return `steps[${index}](${typeof name === 'string' ? name : '?'})`;
}

function parameterValueType(type: ParameterType): ValueType {
  return type === 'String' ? 'string' : type === 'Boolean' ? 'boolean' : 'number';
}

function matchesParameterType(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'String':
      return typeof value === 'string';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

function describeType(type: ParameterType): string {
  return type === 'Integer' ? 'an integer' : type === 'Float' ? 'a number' : type === 'Boolean' ? 'a boolean' : 'a string';
}

function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || text.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(text);
}

function hasScheme(text: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  // A one-letter "scheme" is a Windows drive, not a URI.
  return match && match[1]!.length > 1 ? match[1]!.toLowerCase() : null;
}

/** Problems with a project-relative path, or null. */
function relativePathProblem(text: string, what: string): string | null {
  if (text.length === 0) return `${what} must not be empty`;
  if (text.includes('\0')) return `${what} must not contain NUL characters`;
  if (isAbsolutePath(text)) return `${what} ${JSON.stringify(text)} is absolute; use a path relative to the project root`;
  if (hasScheme(text)) return `${what} ${JSON.stringify(text)} must be a project-relative path, not a URI`;
  return null;
}

function uriProblem(uri: string): string | null {
  if (uri.length === 0) return 'uri must not be empty';
  if (uri.includes('\0')) return 'uri must not contain NUL characters';
  const scheme = hasScheme(uri);
  if (scheme === null) {
    if (isAbsolutePath(uri)) return `${JSON.stringify(uri)} is an absolute path; use a project-relative path or a file:/// URI`;
    return null;
  }
  if (scheme === 'file') return /^file:\/\/\/./.test(uri) ? null : `${JSON.stringify(uri)} must be an absolute file URI (file:///path)`;
  if (scheme === 'openlineage')
    return /^openlineage:\/\/[^/]+\/.+/.test(uri) ? null : `${JSON.stringify(uri)} must be openlineage://namespace/name`;
  return `unsupported URI scheme ${JSON.stringify(scheme)} in ${JSON.stringify(uri)}; use a project-relative path, file:/// or openlineage://`;
}

class Validator {
  readonly issues: ErrorIssue[] = [];
  readonly parameters = new Map<string, ParameterDefinition>();
  readonly steps = new Map<string, { index: number; step: StepDefinition }>();
  /** step -> chain of (condition, branch) from the innermost branch outwards. */
  branchChains = new Map<string, { condition: string; branch: 'if' | 'else' }[]>();

  constructor(readonly def: PipelineDefinition) {}

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  run(): ErrorIssue[] {
    const def = this.def;
    if (!PIPELINE_NAME_PATTERN.test(def.name)) {
      this.add('name', `pipeline name ${JSON.stringify(def.name)} must match ${PIPELINE_NAME_PATTERN.source}`);
    }
    if (def.maxParallelSteps !== null && !(Number.isSafeInteger(def.maxParallelSteps) && def.maxParallelSteps >= 1)) {
      this.add('maxParallelSteps', `must be a positive integer or null, got ${def.maxParallelSteps}`);
    }
    def.parameters.forEach((p, i) => this.checkParameter(p, i));
    def.steps.forEach((s, i) => {
      const path = stepLabel(i, s.name);
      if (!STEP_NAME_PATTERN.test(s.name))
        this.add(`${path}.name`, `step name ${JSON.stringify(s.name)} must match ${STEP_NAME_PATTERN.source}`);
      const first = this.steps.get(s.name);
      if (first) this.add(`${path}.name`, `duplicate step name ${JSON.stringify(s.name)} (first declared at steps[${first.index}])`);
      else this.steps.set(s.name, { index: i, step: s });
    });
    if (def.steps.length === 0) this.add('steps', 'a pipeline needs at least one step');
    this.checkBranches();
    def.steps.forEach((s, i) => this.checkStep(s, i));
    this.checkCycles();
    return this.issues;
  }

  checkParameter(p: ParameterDefinition, i: number): void {
    const path = `parameters[${i}](${p.name})`;
    if (!PARAMETER_NAME_PATTERN.test(p.name))
      this.add(`${path}.name`, `parameter name ${JSON.stringify(p.name)} must match ${PARAMETER_NAME_PATTERN.source}`);
    if (this.parameters.has(p.name)) this.add(`${path}.name`, `duplicate parameter name ${JSON.stringify(p.name)}`);
    else this.parameters.set(p.name, p);
    if (!PARAMETER_TYPES.includes(p.type)) return;
    if (p.default !== null && !matchesParameterType(p.default, p.type)) {
      this.add(`${path}.default`, `default ${JSON.stringify(p.default)} is not ${describeType(p.type)} (parameter type ${p.type})`);
    }
    if (p.enum !== null) {
      if (p.enum.length === 0) this.add(`${path}.enum`, 'enum must list at least one value (or be null)');
      const seen = new Set<unknown>();
      p.enum.forEach((v, j) => {
        if (!matchesParameterType(v, p.type))
          this.add(`${path}.enum[${j}]`, `${JSON.stringify(v)} is not ${describeType(p.type)} (parameter type ${p.type})`);
        if (seen.has(v)) this.add(`${path}.enum[${j}]`, `duplicate enum value ${JSON.stringify(v)}`);
        seen.add(v);
      });
      if (p.default !== null && !p.enum.includes(p.default)) {
        this.add(`${path}.default`, `default ${JSON.stringify(p.default)} is not one of the allowed values ${JSON.stringify(p.enum)}`);
      }
    }
  }

  /** Branch lists: known steps, not the condition itself, in at most one branch of one condition. */
  checkBranches(): void {
    const owner = new Map<string, { condition: string; branch: 'if' | 'else' }>();
    this.def.steps.forEach((s, i) => {
      if (s.type !== 'condition' || this.steps.get(s.name)?.step !== s) return;
      for (const branch of ['if', 'else'] as const) {
        const list = branch === 'if' ? s.ifSteps : s.elseSteps;
        const field = branch === 'if' ? 'ifSteps' : 'elseSteps';
        list.forEach((member, j) => {
          const path = `${stepLabel(i, s.name)}.${field}[${j}]`;
          if (member === s.name) return this.add(path, `condition step ${JSON.stringify(s.name)} cannot list itself in a branch`);
          if (!this.steps.has(member)) return this.add(path, `unknown step ${JSON.stringify(member)}`);
          const previous = owner.get(member);
          if (previous && previous.condition === s.name && previous.branch === branch) {
            return this.add(path, `step ${JSON.stringify(member)} is listed twice in ${field}`);
          }
          if (previous && previous.condition === s.name) {
            return this.add(path, `step ${JSON.stringify(member)} is in both the if and the else branch of this condition`);
          }
          if (previous) {
            return this.add(
              path,
              `step ${JSON.stringify(member)} is already in the ${previous.branch} branch of condition ${JSON.stringify(previous.condition)}; a step belongs to at most one branch`,
            );
          }
          owner.set(member, { condition: s.name, branch });
        });
      }
    });
    // The chain of enclosing branches of every step (guarding against cyclic nesting, reported elsewhere).
    for (const name of this.steps.keys()) {
      const chain: { condition: string; branch: 'if' | 'else' }[] = [];
      const seen = new Set<string>([name]);
      let current = owner.get(name);
      while (current && !seen.has(current.condition)) {
        chain.push(current);
        seen.add(current.condition);
        current = owner.get(current.condition);
      }
      this.branchChains.set(name, chain);
    }
  }

  /** The condition that makes `a` and `b` mutually exclusive (one only in its if branch, the other only in its else), or null. */
  exclusiveBranch(a: string, b: string): { condition: string; a: 'if' | 'else'; b: 'if' | 'else' } | null {
    const chainB = this.branchChains.get(b) ?? [];
    for (const ca of this.branchChains.get(a) ?? []) {
      const cb = chainB.find((x) => x.condition === ca.condition);
      if (cb && cb.branch !== ca.branch) return { condition: ca.condition, a: ca.branch, b: cb.branch };
    }
    return null;
  }

  checkStep(step: StepDefinition, index: number): void {
    const path = stepLabel(index, step.name);
    const declared = this.steps.get(step.name)?.step === step;
    // References: known steps, not itself, never into a branch this step can't run together with.
    for (const ref of stepReferences(step)) {
      const at = `${path}.${ref.path}`;
      if (ref.step === step.name) {
        this.add(at, `step ${JSON.stringify(step.name)} cannot depend on itself`);
        continue;
      }
      if (!this.steps.has(ref.step)) {
        this.add(at, `unknown step ${JSON.stringify(ref.step)}`);
        continue;
      }
      const exclusive = declared ? this.exclusiveBranch(step.name, ref.step) : null;
      if (exclusive) {
        this.add(
          at,
          `step ${JSON.stringify(ref.step)} only runs in the ${exclusive.b} branch of condition ${JSON.stringify(exclusive.condition)}, ` +
            `but this step only runs in its ${exclusive.a} branch, so the reference can never be satisfied`,
        );
      }
    }
    const dependsOn = new Set<string>();
    step.dependsOn.forEach((name, i) => {
      if (dependsOn.has(name)) this.add(`${path}.dependsOn[${i}]`, `duplicate dependency ${JSON.stringify(name)}`);
      dependsOn.add(name);
    });
    forEachValueExpr(step, (expr, at) => this.valueType(expr, `${path}.${at}`));
    switch (step.type) {
      case 'processing':
      case 'training':
      case 'evaluation':
        return this.checkJob(step, path);
      case 'condition':
        if (step.conditions.length === 0) this.add(`${path}.conditions`, 'a condition step needs at least one condition');
        step.conditions.forEach((c, i) => this.checkCondition(c, `${path}.conditions[${i}]`));
        return;
      case 'fail':
        return;
      case 'register-model':
        if (!MODEL_PACKAGE_GROUP_PATTERN.test(step.modelPackageGroup)) {
          this.add(
            `${path}.modelPackageGroup`,
            `model package group ${JSON.stringify(step.modelPackageGroup)} must match ${MODEL_PACKAGE_GROUP_PATTERN.source}`,
          );
        }
        if (!APPROVAL_STATUSES.includes(step.approvalStatus))
          this.add(`${path}.approvalStatus`, `must be one of ${APPROVAL_STATUSES.join(', ')}`);
        this.checkArtifactRef(step.model, `${path}.model`, ['Model']);
        if (step.metricsArtifact) this.checkArtifactRef(step.metricsArtifact, `${path}.metricsArtifact`, ['Metrics', 'Report']);
        for (const key of Object.keys(step.metrics).sort()) {
          if (key.length === 0 || key.length > 128)
            this.add(`${path}.metrics`, `metric names must have 1..128 characters, got ${JSON.stringify(key)}`);
        }
        return;
      case 'callback': {
        const names = new Set<string>();
        step.outputs.forEach((o, i) => {
          const at = `${path}.outputs[${i}](${o.name})`;
          if (!CHANNEL_NAME_PATTERN.test(o.name))
            this.add(`${at}.name`, `output name ${JSON.stringify(o.name)} must match ${CHANNEL_NAME_PATTERN.source}`);
          if (names.has(o.name)) this.add(`${at}.name`, `duplicate callback output ${JSON.stringify(o.name)}`);
          names.add(o.name);
        });
        this.checkTimeout(step.timeoutSeconds, `${path}.timeoutSeconds`);
        return;
      }
    }
  }

  checkJob(step: JobStepDefinition, path: string): void {
    if (step.run.kind === 'command') {
      if (step.run.argv.length === 0) this.add(`${path}.run.argv`, 'a command needs at least the program (argv[0])');
    } else {
      const problem = relativePathProblem(step.run.module, 'handler module');
      if (problem) this.add(`${path}.run.module`, problem);
      if (!EXPORT_NAME_PATTERN.test(step.run.export))
        this.add(`${path}.run.export`, `${JSON.stringify(step.run.export)} is not a valid export name`);
    }
    const inputs = new Set<string>();
    step.inputs.forEach((input, i) => {
      const at = `${path}.inputs[${i}](${input.name})`;
      if (!CHANNEL_NAME_PATTERN.test(input.name))
        this.add(`${at}.name`, `input channel name ${JSON.stringify(input.name)} must match ${CHANNEL_NAME_PATTERN.source}`);
      if (inputs.has(input.name)) this.add(`${at}.name`, `duplicate input channel ${JSON.stringify(input.name)}`);
      inputs.add(input.name);
      if (!ARTIFACT_TYPES.includes(input.type)) this.add(`${at}.type`, `must be one of ${ARTIFACT_TYPES.join(', ')}`);
      const source = input.source;
      if (source.kind === 'uri') {
        const problem = uriProblem(source.uri);
        if (problem) this.add(`${at}.source.uri`, problem);
      } else if (source.kind === 'parameter') {
        const p = this.parameters.get(source.name);
        if (!p) this.add(`${at}.source.name`, `unknown parameter ${JSON.stringify(source.name)}`);
        else if (p.type !== 'String')
          this.add(`${at}.source.name`, `an input source parameter must be a String (a URI); ${JSON.stringify(p.name)} is ${p.type}`);
      } else {
        this.checkArtifactRef(source, `${at}.source`, null);
      }
    });
    const outputs = new Map<string, string>();
    step.outputs.forEach((output, i) => {
      const at = `${path}.outputs[${i}](${output.name})`;
      if (!CHANNEL_NAME_PATTERN.test(output.name))
        this.add(`${at}.name`, `output channel name ${JSON.stringify(output.name)} must match ${CHANNEL_NAME_PATTERN.source}`);
      if (outputs.has(output.name)) this.add(`${at}.name`, `duplicate output channel ${JSON.stringify(output.name)}`);
      outputs.set(output.name, output.type);
      if (!ARTIFACT_TYPES.includes(output.type)) this.add(`${at}.type`, `must be one of ${ARTIFACT_TYPES.join(', ')}`);
    });
    const files = new Set<string>();
    step.propertyFiles.forEach((file, i) => {
      const at = `${path}.propertyFiles[${i}](${file.name})`;
      if (!CHANNEL_NAME_PATTERN.test(file.name))
        this.add(`${at}.name`, `property file name ${JSON.stringify(file.name)} must match ${CHANNEL_NAME_PATTERN.source}`);
      if (files.has(file.name)) this.add(`${at}.name`, `duplicate property file ${JSON.stringify(file.name)}`);
      files.add(file.name);
      if (!outputs.has(file.output)) this.add(`${at}.output`, `step does not declare an output channel ${JSON.stringify(file.output)}`);
      const problem = relativePathProblem(file.path, 'property file path');
      if (problem) this.add(`${at}.path`, problem);
      else if (file.path.split(/[\\/]/).includes('..'))
        this.add(`${at}.path`, 'a property file path must stay inside its output directory (no `..`)');
    });
    for (const [field, values] of [
      ['arguments', step.arguments],
      ['environment', step.environment],
    ] as const) {
      for (const key of Object.keys(values).sort()) {
        if (!VARIABLE_NAME_PATTERN.test(key))
          this.add(`${path}.${field}.${key}`, `name ${JSON.stringify(key)} must match ${VARIABLE_NAME_PATTERN.source}`);
        if (field === 'environment' && key.startsWith(RESERVED_ENV_PREFIX)) {
          this.add(`${path}.${field}.${key}`, `environment names starting with ${RESERVED_ENV_PREFIX} are reserved for Pedigree`);
        }
      }
    }
    if (step.cache.expireAfter !== null && !isIsoDuration(step.cache.expireAfter)) {
      this.add(`${path}.cache.expireAfter`, `${JSON.stringify(step.cache.expireAfter)} is not an ISO-8601 duration (e.g. P30D, PT12H)`);
    }
    if (step.retry) this.checkRetry(step.retry, `${path}.retry`);
    this.checkTimeout(step.timeoutSeconds, `${path}.timeoutSeconds`);
  }

  checkRetry(retry: RetryPolicy, path: string): void {
    const L = RETRY_LIMITS;
    if (!(Number.isSafeInteger(retry.maxAttempts) && retry.maxAttempts >= L.maxAttempts.min && retry.maxAttempts <= L.maxAttempts.max)) {
      this.add(`${path}.maxAttempts`, `must be an integer from ${L.maxAttempts.min} to ${L.maxAttempts.max}, got ${retry.maxAttempts}`);
    }
    const initialOk =
      retry.initialIntervalSeconds >= L.initialIntervalSeconds.min && retry.initialIntervalSeconds <= L.initialIntervalSeconds.max;
    if (!initialOk) {
      this.add(
        `${path}.initialIntervalSeconds`,
        `must be from ${L.initialIntervalSeconds.min} to ${L.initialIntervalSeconds.max} seconds, got ${retry.initialIntervalSeconds}`,
      );
    }
    if (!(retry.backoffRate >= L.backoffRate.min && retry.backoffRate <= L.backoffRate.max)) {
      this.add(`${path}.backoffRate`, `must be from ${L.backoffRate.min} to ${L.backoffRate.max}, got ${retry.backoffRate}`);
    }
    if (!(retry.maxIntervalSeconds <= L.maxIntervalSeconds.max)) {
      this.add(`${path}.maxIntervalSeconds`, `must be at most ${L.maxIntervalSeconds.max} seconds, got ${retry.maxIntervalSeconds}`);
    } else if (initialOk && !(retry.maxIntervalSeconds >= retry.initialIntervalSeconds)) {
      this.add(
        `${path}.maxIntervalSeconds`,
        `must be at least initialIntervalSeconds (${retry.initialIntervalSeconds}), got ${retry.maxIntervalSeconds}`,
      );
    }
    if (retry.retryOn.length === 0)
      this.add(
        `${path}.retryOn`,
        `must list at least one failure kind (${RETRYABLE_FAILURE_KINDS.join(', ')}); leave out retry for no retries`,
      );
    const kinds = new Set<string>();
    retry.retryOn.forEach((kind, i) => {
      if (kinds.has(kind)) this.add(`${path}.retryOn[${i}]`, `duplicate failure kind ${JSON.stringify(kind)}`);
      kinds.add(kind);
    });
    if (retry.exitCodes !== null) {
      if (!kinds.has('exit-code')) this.add(`${path}.exitCodes`, 'exitCodes only apply when retryOn includes "exit-code"');
      if (retry.exitCodes.length === 0)
        this.add(`${path}.exitCodes`, 'must list at least one exit code (or be null for any non-zero code)');
      const codes = new Set<number>();
      retry.exitCodes.forEach((code, i) => {
        if (!(Number.isInteger(code) && code >= 1 && code <= 255))
          this.add(`${path}.exitCodes[${i}]`, `exit codes are integers from 1 to 255, got ${code}`);
        if (codes.has(code)) this.add(`${path}.exitCodes[${i}]`, `duplicate exit code ${code}`);
        codes.add(code);
      });
    }
  }

  checkTimeout(value: number | null, path: string): void {
    if (value !== null && !(Number.isFinite(value) && value > 0 && value <= 366 * 86_400)) {
      this.add(path, `must be a positive number of seconds (at most a year) or null, got ${value}`);
    }
  }

  /** A `{ step, output }` pointing at a declared output of a job step, optionally of given artifact types. */
  checkArtifactRef(ref: { step: string; output: string }, path: string, types: readonly string[] | null): void {
    const target = this.steps.get(ref.step)?.step;
    if (!target) return; // reported as an unknown step
    if (!JOB_TYPES.has(target.type)) {
      this.add(`${path}.step`, `step ${JSON.stringify(ref.step)} is a ${target.type} step and has no output channels`);
      return;
    }
    const output = (target as JobStepDefinition).outputs.find((o) => o.name === ref.output);
    if (!output) {
      this.add(`${path}.output`, `step ${JSON.stringify(ref.step)} does not declare an output ${JSON.stringify(ref.output)}`);
      return;
    }
    if (types && !types.includes(output.type)) {
      this.add(path, `output ${ref.step}.${ref.output} is of type ${output.type}; expected ${types.join(' or ')}`);
    }
  }

  /** Checks an expression's references and returns what it evaluates to. */
  valueType(expr: ValueExpr, path: string): ValueType {
    switch (expr.kind) {
      case 'literal':
        if (typeof expr.value === 'number' && !Number.isFinite(expr.value)) this.add(`${path}.value`, 'numbers must be finite');
        return typeof expr.value === 'string' ? 'string' : typeof expr.value === 'number' ? 'number' : 'boolean';
      case 'parameter': {
        const p = this.parameters.get(expr.name);
        if (!p) {
          this.add(`${path}.name`, `unknown parameter ${JSON.stringify(expr.name)}`);
          return 'unknown';
        }
        return parameterValueType(p.type);
      }
      case 'executionVariable':
        if (!EXECUTION_VARIABLES.includes(expr.name))
          this.add(`${path}.name`, `unknown execution variable; one of ${EXECUTION_VARIABLES.join(', ')}`);
        return 'string';
      case 'output':
        this.checkArtifactRef(expr, path, null);
        return 'string';
      case 'jsonGet': {
        const target = this.steps.get(expr.step)?.step;
        if (target && !JOB_TYPES.has(target.type)) {
          this.add(`${path}.step`, `step ${JSON.stringify(expr.step)} is a ${target.type} step and has no property files`);
        } else if (target) {
          const files = (target as JobStepDefinition).propertyFiles;
          if (!files.some((f) => f.name === expr.propertyFile)) {
            this.add(
              `${path}.propertyFile`,
              `step ${JSON.stringify(expr.step)} does not declare a property file ${JSON.stringify(expr.propertyFile)}`,
            );
          }
        }
        try {
          parseJsonPath(expr.path);
        } catch (error) {
          this.add(`${path}.path`, (error as Error).message.replace(/^path: /, ''));
        }
        return 'unknown';
      }
      case 'callbackOutput': {
        const target = this.steps.get(expr.step)?.step;
        if (!target) return 'unknown';
        if (target.type !== 'callback') {
          this.add(`${path}.step`, `step ${JSON.stringify(expr.step)} is a ${target.type} step, not a callback step`);
          return 'unknown';
        }
        const output = target.outputs.find((o) => o.name === expr.output);
        if (!output) {
          this.add(
            `${path}.output`,
            `callback step ${JSON.stringify(expr.step)} does not declare an output ${JSON.stringify(expr.output)}`,
          );
          return 'unknown';
        }
        return parameterValueType(output.type);
      }
      case 'join':
        expr.values.forEach((v, i) => this.valueType(v, `${path}.values[${i}]`));
        return 'string';
    }
  }

  /** Type of an expression without reporting (references were checked by forEachValueExpr). */
  typeOf(expr: ValueExpr): ValueType {
    const saved = this.issues.length;
    const type = this.valueType(expr, '');
    this.issues.length = saved;
    return type;
  }

  describe(expr: ValueExpr): string {
    switch (expr.kind) {
      case 'literal':
        return `${typeof expr.value} literal ${JSON.stringify(expr.value)}`;
      case 'parameter': {
        const p = this.parameters.get(expr.name);
        return p ? `${p.type} parameter ${JSON.stringify(expr.name)}` : `parameter ${JSON.stringify(expr.name)}`;
      }
      case 'executionVariable':
        return `execution variable ${expr.name} (a string)`;
      case 'output':
        return `the output ${expr.step}.${expr.output} (a path, a string)`;
      case 'callbackOutput':
        return `callback output ${expr.step}.${expr.output} (${this.typeOf(expr)})`;
      case 'join':
        return 'a Join (a string)';
      case 'jsonGet':
        return `JsonGet ${expr.step}.${expr.propertyFile}:${expr.path}`;
    }
  }

  checkCondition(condition: ConditionExpr, path: string): void {
    switch (condition.kind) {
      case 'not':
        return this.checkCondition(condition.condition, `${path}.condition`);
      case 'and':
      case 'or':
        if (condition.conditions.length === 0) this.add(`${path}.conditions`, `${condition.kind} needs at least one condition`);
        condition.conditions.forEach((c, i) => this.checkCondition(c, `${path}.conditions[${i}]`));
        return;
      case 'in': {
        if (condition.values.length === 0) this.add(`${path}.values`, 'in needs at least one value');
        const type = this.typeOf(condition.value);
        condition.values.forEach((v, i) => {
          const other = this.typeOf(v);
          if (type !== 'unknown' && other !== 'unknown' && type !== other) {
            this.add(`${path}.values[${i}]`, `type mismatch: ${this.describe(condition.value)} is compared with ${this.describe(v)}`);
          }
        });
        return;
      }
      case 'equals': {
        const left = this.typeOf(condition.left);
        const right = this.typeOf(condition.right);
        if (left !== 'unknown' && right !== 'unknown' && left !== right) {
          this.add(path, `type mismatch: equals compares ${this.describe(condition.left)} with ${this.describe(condition.right)}`);
        }
        return;
      }
      default:
        for (const side of ['left', 'right'] as const) {
          const type = this.typeOf(condition[side]);
          if (type !== 'number' && type !== 'unknown') {
            this.add(`${path}.${side}`, `type mismatch: ${condition.kind} needs numbers, but ${side} is ${this.describe(condition[side])}`);
          }
        }
    }
  }

  checkCycles(): void {
    const graph = buildDependencyGraph(this.def);
    for (const cycle of findCycles(graph)) {
      if (cycle.length === 1) continue; // a step naming itself is reported where it does so
      const first = this.steps.get(cycle[0]!)!;
      this.add(
        stepLabel(first.index, cycle[0]),
        `dependency cycle through steps ${[...cycle, cycle[0]!].map((s) => JSON.stringify(s)).join(' -> ')}`,
      );
    }
  }
}

/**
 * Every semantic problem of a definition at once (empty when valid): names, duplicates, unknown or
 * unreachable references, cycles, expression type mismatches, durations, retry ranges, branches.
 * Never throws for a definition of the right shape (see `parseDefinition` for untrusted input).
 */
export function validateDefinition(def: PipelineDefinition): ErrorIssue[] {
  return new Validator(def).run();
}
