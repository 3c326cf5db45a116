import type { Digest, JsonValue, ParameterValue } from '@pedigree/domain';
import type { ConditionExpr, ExecutionVariableName, ValueExpr } from '@pedigree/sdk';
import { readJsonPath } from '@pedigree/sdk';
import { PropertyResolutionError } from './errors.ts';

export type ScalarValue = string | number | boolean;

/** What value expressions resolve against. */
export interface ValueScope {
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly executionVariables: Readonly<Record<ExecutionVariableName, string>>;
  /** The digest of an earlier step's output (null when that step left no such output). */
  outputDigest(step: string, output: string): Digest | null;
  /** The local path of an earlier step's output, materialized on demand. */
  outputPath(step: string, output: string): Promise<string>;
  /** A parsed property file of an earlier step; undefined when the step or file is unknown. */
  propertyFile(step: string, file: string): JsonValue | undefined;
  /** A value a callback step received with its signal. */
  callbackOutput(step: string, output: string): ScalarValue | undefined;
}

/**
 * Resolves a value for running the step: outputs become local paths. `at` is the field path used
 * in error messages. Throws PropertyResolutionError naming the missing property.
 */
export async function resolveRuntimeValue(expr: ValueExpr, scope: ValueScope, at: string): Promise<ScalarValue> {
  switch (expr.kind) {
    case 'output':
      if (scope.outputDigest(expr.step, expr.output) === null) throw missingOutput(expr.step, expr.output, at);
      return scope.outputPath(expr.step, expr.output);
    case 'join': {
      const parts: ScalarValue[] = [];
      for (const [i, v] of expr.values.entries()) parts.push(await resolveRuntimeValue(v, scope, `${at}.values[${i}]`));
      return parts.map(String).join(expr.on);
    }
    default:
      return resolvePlainValue(expr, scope, at);
  }
}

/**
 * Resolves a value for the cache key: an output becomes its content digest (never a path), so the
 * key does not change with the data directory or the attempt's work directory.
 */
export function resolveKeyValue(expr: ValueExpr, scope: ValueScope, at: string): JsonValue {
  switch (expr.kind) {
    case 'output': {
      const digest = scope.outputDigest(expr.step, expr.output);
      if (digest === null) throw missingOutput(expr.step, expr.output, at);
      return { output: `${expr.step}.${expr.output}`, digest };
    }
    case 'join':
      return expr.values
        .map((v, i) => {
          const value = resolveKeyValue(v, scope, `${at}.values[${i}]`);
          return typeof value === 'object' && value !== null ? String((value as { digest?: string }).digest) : String(value);
        })
        .join(expr.on);
    default:
      return resolvePlainValue(expr, scope, at);
  }
}

/** Values that need no filesystem: literals, parameters, execution variables, JsonGet, callback outputs. */
export function resolvePlainValue(expr: ValueExpr, scope: ValueScope, at: string): ScalarValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'parameter': {
      const value = scope.parameters[expr.name];
      if (value === undefined)
        throw new PropertyResolutionError(`${at}: parameter ${expr.name} has no value`, { at, parameter: expr.name });
      return value;
    }
    case 'executionVariable':
      return scope.executionVariables[expr.name];
    case 'jsonGet': {
      const doc = scope.propertyFile(expr.step, expr.propertyFile);
      if (doc === undefined) {
        throw new PropertyResolutionError(
          `${at}: property file ${expr.propertyFile} of step ${expr.step} is not available, so ${expr.propertyFile}.${expr.path} cannot be read`,
          {
            at,
            step: expr.step,
            propertyFile: expr.propertyFile,
            property: expr.path,
          },
        );
      }
      const value = readJsonPath(doc, expr.path);
      if (value === undefined || value === null || typeof value === 'object') {
        const what = value === undefined ? 'does not exist' : `is ${value === null ? 'null' : 'not a string, number or boolean'}`;
        throw new PropertyResolutionError(
          `${at}: property ${expr.path} ${what} in property file ${expr.propertyFile} of step ${expr.step}`,
          {
            at,
            step: expr.step,
            propertyFile: expr.propertyFile,
            property: expr.path,
          },
        );
      }
      return value as ScalarValue;
    }
    case 'callbackOutput': {
      const value = scope.callbackOutput(expr.step, expr.output);
      if (value === undefined) {
        throw new PropertyResolutionError(`${at}: callback step ${expr.step} did not receive output ${expr.output}`, {
          at,
          step: expr.step,
          output: expr.output,
        });
      }
      return value;
    }
    case 'join':
      return expr.values.map((v, i) => String(resolvePlainValue(v, scope, `${at}.values[${i}]`))).join(expr.on);
    case 'output':
      throw new PropertyResolutionError(`${at}: the output ${expr.step}.${expr.output} is a file, not a value here`, {
        at,
        step: expr.step,
        output: expr.output,
      });
  }
}

function missingOutput(step: string, output: string, at: string): PropertyResolutionError {
  return new PropertyResolutionError(`${at}: step ${step} has no output ${output}`, { at, step, output });
}

/** Evaluates a condition (SageMaker semantics); throws PropertyResolutionError for a missing property. */
export function evaluateCondition(condition: ConditionExpr, scope: ValueScope, at: string): boolean {
  switch (condition.kind) {
    case 'not':
      return !evaluateCondition(condition.condition, scope, `${at}.condition`);
    case 'and':
      return condition.conditions.every((c, i) => evaluateCondition(c, scope, `${at}.conditions[${i}]`));
    case 'or':
      return condition.conditions.some((c, i) => evaluateCondition(c, scope, `${at}.conditions[${i}]`));
    case 'in': {
      const value = resolvePlainValue(condition.value, scope, `${at}.value`);
      return condition.values.some((v, i) => compare(value, resolvePlainValue(v, scope, `${at}.values[${i}]`)) === 0);
    }
    default: {
      const left = resolvePlainValue(condition.left, scope, `${at}.left`);
      const right = resolvePlainValue(condition.right, scope, `${at}.right`);
      const c = compare(left, right);
      switch (condition.kind) {
        case 'equals':
          return c === 0;
        case 'greaterThan':
          return c !== null && c > 0;
        case 'greaterThanOrEqual':
          return c !== null && c >= 0;
        case 'lessThan':
          return c !== null && c < 0;
        case 'lessThanOrEqual':
          return c !== null && c <= 0;
      }
    }
  }
}

/** Numbers (and numeric strings against numbers) compare numerically, strings by code unit, booleans only for equality; null = not comparable. */
export function compare(a: ScalarValue, b: ScalarValue): number | null {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : null;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y) || (typeof a === 'string' && a.trim() === '') || (typeof b === 'string' && b.trim() === ''))
      return a === b ? 0 : null;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}
