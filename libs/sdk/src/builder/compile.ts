/**
 * Compiles a builder pipeline into the canonical definition document. Steps and parameters are
 * collected by following references; values compile into ValueExpr; paths become project-relative.
 * Problems found while compiling (an absolute path without a project root, a bad duration) are
 * reported together with everything `validateDefinition` finds.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  canonicalDigest,
  canonicalJson,
  InvalidArgumentError,
  isPedigreeError,
  ValidationError,
  type Digest,
  type ErrorIssue,
} from '@pedigree/domain';
import { parseIsoDuration } from '../duration.ts';
import { DEFAULT_RETRY } from '../definition/schema.ts';
import {
  DEFINITION_SCHEMA_VERSION,
  type ConditionExpr,
  type InputChannel,
  type JobRun,
  type ParameterDefinition,
  type PipelineDefinition,
  type StepDefinition,
  type ValueExpr,
} from '../definition/types.ts';
import { definitionShapeIssues } from '../definition/parse.ts';
import { validateDefinition } from '../definition/validate.ts';
import { isCondition, type Condition } from './conditions.ts';
import { isExpression, isParameterRef, type ParameterRef, type Value } from './expressions.ts';
import { isPipeline, type Pipeline } from './pipeline.ts';
import {
  isStep,
  type AnyStep,
  type CallbackStep,
  type ConditionStep,
  type FailStep,
  type InputConfig,
  type JobStep,
  type RegisterModelStep,
  type RunConfig,
} from './steps.ts';

/** Options of `compilePipeline`. */
export interface CompileOptions {
  /** Directory the pipeline's relative paths are relative to; absolute handler paths and `file:` URLs inside it become relative. Default: the pipeline's `projectRoot`. */
  readonly projectRoot?: string | URL;
}

/** What `compilePipeline` returns. */
export interface CompiledPipeline {
  readonly definition: PipelineDefinition;
  /** Canonical JSON of `definition` (sorted keys, no whitespace); byte-identical for the same source. */
  readonly json: string;
  /** sha256 of `json`, `sha256:<hex>`. */
  readonly definitionHash: Digest;
}

const JOB_TYPES = new Set(['processing', 'training', 'evaluation']);

/** The values a step holds (recursing into Join and conditions), for collecting referenced steps and parameters. */
function stepValues(step: AnyStep): Value[] {
  const out: Value[] = [];
  const add = (value: unknown): void => {
    if (isExpression(value)) {
      out.push(value);
      if (value.expression === 'join') value.values.forEach(add);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(value);
  };
  const addCondition = (condition: Condition): void => {
    const node = condition.node;
    if (node.kind === 'in') [node.value, ...node.values].forEach(add);
    else if (node.kind === 'not') addCondition(node.condition);
    else if ('conditions' in node) node.conditions.forEach((c) => isCondition(c) && addCondition(c));
    else [node.left, node.right].forEach(add);
  };
  if (JOB_TYPES.has(step.type)) {
    const config = (step as JobStep).config;
    if ('command' in config.run && Array.isArray(config.run.command)) config.run.command.forEach(add);
    for (const input of Object.values(config.inputs ?? {}))
      add(typeof input === 'object' && input !== null && 'source' in input ? input.source : input);
    Object.values(config.arguments ?? {}).forEach(add);
    Object.values(config.environment ?? {}).forEach(add);
  } else if (step.type === 'condition') {
    const config = (step as ConditionStep).config;
    (Array.isArray(config.conditions) ? config.conditions : [config.conditions]).forEach((c) => isCondition(c) && addCondition(c));
  } else if (step.type === 'fail') add((step as FailStep).config.errorMessage);
  else if (step.type === 'register-model') {
    const config = (step as RegisterModelStep).config;
    add(config.model);
    add(config.metricsArtifact);
    Object.values(config.metrics ?? {}).forEach(add);
  } else if (step.type === 'callback') add((step as CallbackStep).config.message);
  return out;
}

function referencedSteps(step: AnyStep): AnyStep[] {
  const out: AnyStep[] = [];
  for (const value of stepValues(step)) {
    if (!isExpression(value)) continue;
    if (value.expression === 'output' || value.expression === 'callbackOutput') out.push(value.step);
    else if (value.expression === 'jsonGet') out.push(value.propertyFile.step);
  }
  for (const dep of step.config.dependsOn ?? []) if (isStep(dep)) out.push(dep);
  return out;
}

function branchMembers(step: AnyStep): AnyStep[] {
  if (step.type !== 'condition') return [];
  const config = (step as ConditionStep).config;
  return [...(config.ifSteps ?? []), ...(config.elseSteps ?? [])].filter(isStep);
}

/**
 * Listed steps keep their order; a step reached only through a reference is placed just before the
 * first step that needs it, and a step reached only through a branch just after its condition.
 */
function collectSteps(listed: readonly AnyStep[]): AnyStep[] {
  const listedSet = new Set(listed);
  const placed = new Set<AnyStep>();
  const out: AnyStep[] = [];
  const place = (step: AnyStep): void => {
    if (placed.has(step)) return;
    placed.add(step);
    for (const dep of referencedSteps(step)) if (!listedSet.has(dep)) place(dep);
    out.push(step);
    for (const member of branchMembers(step)) if (!listedSet.has(member)) place(member);
  };
  for (const step of listed) if (isStep(step)) place(step);
  return out;
}

class Compiler {
  readonly issues: ErrorIssue[] = [];
  readonly parameters = new Map<string, ParameterRef>();
  readonly parameterOrder: ParameterRef[] = [];
  readonly root: string | null;

  constructor(root: string | URL | null) {
    this.root = root === null ? null : path.resolve(root instanceof URL || root.startsWith('file:') ? fileURLToPath(root) : root);
  }

  addParameter(ref: ParameterRef, at: string): void {
    const existing = this.parameters.get(ref.name);
    if (!existing) {
      this.parameters.set(ref.name, ref);
      this.parameterOrder.push(ref);
    } else if (existing !== ref && canonicalJson(parameterDefinition(existing)) !== canonicalJson(parameterDefinition(ref))) {
      this.issues.push({ path: at, message: `two different parameters are named ${JSON.stringify(ref.name)}` });
    }
  }

  value(value: unknown, at: string): ValueExpr {
    if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.issues.push({ path: at, message: `numbers must be finite, got ${value}` });
      return { kind: 'literal', value: Number.isFinite(value) ? value : 0 };
    }
    if (!isExpression(value)) {
      this.issues.push({
        path: at,
        message: `expected a string, number, boolean or expression, got ${value === null ? 'null' : typeof value}`,
      });
      return { kind: 'literal', value: '' };
    }
    switch (value.expression) {
      case 'parameter':
        this.addParameter(value, at);
        return { kind: 'parameter', name: value.name };
      case 'executionVariable':
        return { kind: 'executionVariable', name: value.name };
      case 'output':
        return { kind: 'output', step: value.step.name, output: value.output };
      case 'jsonGet':
        return { kind: 'jsonGet', step: value.propertyFile.step.name, propertyFile: value.propertyFile.name, path: value.path };
      case 'callbackOutput':
        return { kind: 'callbackOutput', step: value.step.name, output: value.output };
      case 'join':
        return { kind: 'join', on: value.on, values: value.values.map((v, i) => this.value(v, `${at}.values[${i}]`)) };
    }
  }

  record(values: Readonly<Record<string, Value>> | undefined, at: string): Record<string, ValueExpr> {
    const out: Record<string, ValueExpr> = {};
    for (const [key, v] of Object.entries(values ?? {})) out[key] = this.value(v, `${at}.${key}`);
    return out;
  }

  condition(condition: Condition, at: string): ConditionExpr {
    if (!isCondition(condition)) {
      this.issues.push({ path: at, message: 'expected a condition made with equals, greaterThan, ..., In, Not, And or Or' });
      return { kind: 'and', conditions: [] };
    }
    const node = condition.node;
    switch (node.kind) {
      case 'in':
        return {
          kind: 'in',
          value: this.value(node.value, `${at}.value`),
          values: node.values.map((v, i) => this.value(v, `${at}.values[${i}]`)),
        };
      case 'not':
        return { kind: 'not', condition: this.condition(node.condition, `${at}.condition`) };
      case 'and':
      case 'or':
        return { kind: node.kind, conditions: node.conditions.map((c, i) => this.condition(c, `${at}.conditions[${i}]`)) };
      default:
        return { kind: node.kind, left: this.value(node.left, `${at}.left`), right: this.value(node.right, `${at}.right`) };
    }
  }

  /** A project-relative POSIX path for a handler module. */
  modulePath(module: string | URL, at: string): string {
    let text = module instanceof URL ? module.href : module;
    if (text.startsWith('file:')) {
      try {
        text = fileURLToPath(text);
      } catch (error) {
        this.issues.push({ path: at, message: `${JSON.stringify(text)}: ${(error as Error).message}` });
        return text;
      }
    }
    if (path.isAbsolute(text)) {
      if (this.root === null) {
        this.issues.push({
          path: at,
          message: `${JSON.stringify(text)} is absolute; pass the projectRoot compile option (or definePipeline's projectRoot) so it can be made project-relative`,
        });
        return text;
      }
      return toPosix(path.relative(this.root, text));
    }
    return toPosix(path.posix.normalize(text.replace(/\\/g, '/')));
  }

  /** A data URI: project-relative where possible, a `file:` URI outside the project, as written otherwise. */
  dataUri(source: string | URL, at: string): string {
    const isUrl = source instanceof URL;
    const text = isUrl ? source.href : source;
    let absolute: string | null = null;
    if (text.startsWith('file:')) {
      try {
        absolute = fileURLToPath(text);
      } catch {
        return text; // validation reports the malformed URI
      }
    } else if (path.isAbsolute(text)) absolute = text;
    if (absolute === null) return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(text) ? text : toPosix(path.posix.normalize(text.replace(/\\/g, '/')));
    if (this.root !== null) {
      const relative = path.relative(this.root, absolute);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return toPosix(relative);
    }
    // A URL object usually comes from import.meta.url: without a project root it would leak the machine's path.
    if (isUrl && this.root === null) {
      this.issues.push({
        path: at,
        message: `${JSON.stringify(text)} is a file URL; pass the projectRoot compile option so it can be made project-relative`,
      });
    }
    return text.startsWith('file:') && !isUrl ? text : pathToFileURL(absolute).href;
  }

  input(name: string, config: InputConfig, at: string): InputChannel {
    const full =
      typeof config === 'object' && config !== null && !(config instanceof URL) && 'source' in config ? config : { source: config };
    const source = full.source as unknown;
    const declaredType = 'type' in full && full.type ? full.type : null;
    if (typeof source === 'string' || source instanceof URL) {
      return { name, source: { kind: 'uri', uri: this.dataUri(source, `${at}.source`) }, type: declaredType ?? 'DataSet' };
    }
    if (isParameterRef(source)) {
      this.addParameter(source, `${at}.source`);
      return { name, source: { kind: 'parameter', name: source.name }, type: declaredType ?? 'DataSet' };
    }
    if (isExpression(source) && source.expression === 'output') {
      // Outputs keep their declared type.
      return { name, source: { kind: 'output', step: source.step.name, output: source.output }, type: source.artifactType };
    }
    this.issues.push({
      path: `${at}.source`,
      message: 'an input is a path or file: URI, a String parameter, or a step output (step.outputs.name)',
    });
    return { name, source: { kind: 'uri', uri: '' }, type: 'DataSet' };
  }

  seconds(value: string | number | undefined, at: string): number | null {
    if (value === undefined) return null;
    if (typeof value === 'number') return value;
    try {
      return parseIsoDuration(value) / 1000;
    } catch (error) {
      this.issues.push({ path: at, message: (error as InvalidArgumentError).message.replace(/^duration: /, '') });
      return null;
    }
  }

  run(run: RunConfig, at: string): JobRun {
    if (run && 'command' in run) return { kind: 'command', argv: [...run.command].map((v, i) => this.value(v, `${at}.argv[${i}]`)) };
    if (run && 'handler' in run)
      return { kind: 'handler', module: this.modulePath(run.handler, `${at}.module`), export: run.export ?? 'default' };
    this.issues.push({ path: at, message: 'run must be handler(module, export) or command([...argv])' });
    return { kind: 'command', argv: [] };
  }

  step(step: AnyStep, index: number): StepDefinition {
    const at = `steps[${index}](${step.name})`;
    const config = step.config;
    const common = {
      name: step.name,
      displayName: config.displayName ?? null,
      description: config.description ?? null,
      dependsOn: (config.dependsOn ?? []).map((d, i) => {
        if (!isStep(d)) this.issues.push({ path: `${at}.dependsOn[${i}]`, message: 'dependsOn lists step objects' });
        return isStep(d) ? d.name : '';
      }),
    };
    switch (step.type) {
      case 'processing':
      case 'training':
      case 'evaluation': {
        const c = (step as JobStep).config;
        const cache =
          c.cache === undefined || c.cache === false
            ? { enabled: false, expireAfter: null }
            : c.cache === true
              ? { enabled: true, expireAfter: null }
              : { enabled: c.cache.enabled ?? true, expireAfter: c.cache.expireAfter ?? null };
        return {
          ...common,
          type: step.type,
          run: this.run(c.run, `${at}.run`),
          inputs: Object.entries(c.inputs ?? {}).map(([name, input]) => this.input(name, input, `${at}.inputs(${name})`)),
          outputs: Object.entries(c.outputs ?? {}).map(([name, o]) => ({
            name,
            type: typeof o === 'string' ? o : (o.type ?? 'DataSet'),
            description: typeof o === 'string' ? null : (o.description ?? null),
          })),
          propertyFiles: Object.entries((c.propertyFiles ?? {}) as Record<string, { output: string; path: string }>).map(([name, f]) => ({
            name,
            output: f.output,
            path: f.path,
          })),
          arguments: this.record(c.arguments, `${at}.arguments`),
          environment: this.record(c.environment, `${at}.environment`),
          cache,
          retry: c.retry
            ? {
                maxAttempts: c.retry.maxAttempts,
                initialIntervalSeconds: c.retry.initialIntervalSeconds ?? DEFAULT_RETRY.initialIntervalSeconds,
                backoffRate: c.retry.backoffRate ?? DEFAULT_RETRY.backoffRate,
                maxIntervalSeconds: c.retry.maxIntervalSeconds ?? DEFAULT_RETRY.maxIntervalSeconds,
                retryOn: [...(c.retry.retryOn ?? DEFAULT_RETRY.retryOn)],
                exitCodes: c.retry.exitCodes ? [...c.retry.exitCodes] : null,
              }
            : null,
          timeoutSeconds: this.seconds(c.timeout, `${at}.timeout`),
        };
      }
      case 'condition': {
        const c = (step as ConditionStep).config;
        const conditions = Array.isArray(c.conditions) ? c.conditions : [c.conditions];
        return {
          ...common,
          type: 'condition',
          conditions: (conditions as Condition[]).map((cond, i) => this.condition(cond, `${at}.conditions[${i}]`)),
          ifSteps: (c.ifSteps ?? []).map((s) => s.name),
          elseSteps: (c.elseSteps ?? []).map((s) => s.name),
        };
      }
      case 'fail':
        return { ...common, type: 'fail', errorMessage: this.value((step as FailStep).config.errorMessage, `${at}.errorMessage`) };
      case 'register-model': {
        const c = (step as RegisterModelStep).config;
        const ref = (output: unknown, field: string): { step: string; output: string } => {
          if (isExpression(output) && output.expression === 'output') return { step: output.step.name, output: output.output };
          this.issues.push({ path: `${at}.${field}`, message: 'expected a step output (step.outputs.name)' });
          return { step: '', output: '' };
        };
        return {
          ...common,
          type: 'register-model',
          modelPackageGroup: c.modelPackageGroup,
          model: ref(c.model, 'model'),
          approvalStatus: c.approvalStatus ?? 'PendingManualApproval',
          metricsArtifact: c.metricsArtifact === undefined ? null : ref(c.metricsArtifact, 'metricsArtifact'),
          metrics: this.record(c.metrics, `${at}.metrics`),
        };
      }
      case 'callback': {
        const c = (step as CallbackStep).config;
        return {
          ...common,
          type: 'callback',
          message: c.message === undefined ? null : this.value(c.message, `${at}.message`),
          outputs: Object.entries(c.outputs ?? {}).map(([name, type]) => ({ name, type })),
          timeoutSeconds: this.seconds(c.timeout, `${at}.timeout`),
        };
      }
    }
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function parameterDefinition(ref: ParameterRef): ParameterDefinition {
  return { name: ref.name, type: ref.type, default: ref.default, enum: ref.enum ? [...ref.enum] : null, description: ref.description };
}

/**
 * Compiles a pipeline to its canonical definition, JSON and hash. Deterministic: the same source
 * gives byte-identical JSON. Throws ValidationError (VALIDATION_FAILED) listing every problem, and
 * InvalidArgumentError (INVALID_ARGUMENT) when `pipeline` is not a pipeline.
 */
export function compilePipeline(pipeline: Pipeline, options: CompileOptions = {}): CompiledPipeline {
  if (!isPipeline(pipeline)) throw new InvalidArgumentError('pipeline', 'expected a pipeline made by definePipeline');
  try {
    return compile(pipeline, options);
  } catch (error) {
    if (isPedigreeError(error)) throw error;
    // A declaration built around the types (`as never`, plain JavaScript) must still fail as a user-fixable error.
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`pipeline ${JSON.stringify(pipeline.name)}`, [{ path: '', message: `could not be compiled: ${message}` }]);
  }
}

function compile(pipeline: Pipeline, options: CompileOptions): CompiledPipeline {
  const compiler = new Compiler(options.projectRoot ?? pipeline.projectRoot ?? null);
  for (const [key, ref] of Object.entries(pipeline.parameters as Record<string, ParameterRef>)) {
    if (ref.name !== key)
      compiler.issues.push({
        path: `parameters.${key}`,
        message: `parameter listed under ${JSON.stringify(key)} is named ${JSON.stringify(ref.name)}`,
      });
    compiler.addParameter(ref, `parameters.${key}`);
  }
  pipeline.steps.forEach((s, i) => {
    if (!isStep(s)) compiler.issues.push({ path: `steps[${i}]`, message: 'expected a step made by one of the defineXStep functions' });
  });
  const steps = collectSteps(pipeline.steps).map((s, i) => compiler.step(s, i));
  const definition: PipelineDefinition = {
    schemaVersion: DEFINITION_SCHEMA_VERSION,
    name: pipeline.name,
    description: pipeline.description,
    parameters: compiler.parameterOrder.map(parameterDefinition),
    maxParallelSteps: pipeline.maxParallelSteps,
    steps,
  };
  // Values that slipped past the types (a name that is not a string, NaN) are caught by the shape
  // check before semantic validation, which relies on the shape.
  const shape = definitionShapeIssues(definition);
  const issues = [...compiler.issues, ...(shape.length > 0 ? shape : validateDefinition(definition))];
  if (issues.length > 0) throw new ValidationError(`pipeline ${JSON.stringify(pipeline.name)}`, issues);
  const json = canonicalJson(definition);
  return { definition, json, definitionHash: canonicalDigest(definition) };
}
