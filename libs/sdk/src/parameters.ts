import { ValidationError, type ErrorIssue, type ParameterValue } from '@pedigree/domain';
import type { ParameterDefinition, PipelineDefinition } from './definition/types.ts';

const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function convert(p: ParameterDefinition, raw: unknown): { value: ParameterValue } | { problem: string } {
  switch (p.type) {
    case 'String':
      return typeof raw === 'string' ? { value: raw } : { problem: `expected a string, got ${describe(raw)}` };
    case 'Boolean':
      if (typeof raw === 'boolean') return { value: raw };
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return { value: raw.trim().toLowerCase() === 'true' };
      return { problem: `expected a boolean (true or false), got ${describe(raw)}` };
    case 'Integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && INTEGER_TEXT.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (typeof raw === 'number' && Number.isFinite(raw) && !Number.isInteger(raw)) return { problem: `expected an integer, got ${raw}` };
      if (typeof raw === 'string' && FLOAT_TEXT.test(raw.trim()) && !INTEGER_TEXT.test(raw.trim()))
        return { problem: `expected an integer, got ${JSON.stringify(raw)}` };
      if (!Number.isSafeInteger(n)) return { problem: `expected an integer, got ${describe(raw)}` };
      return { value: n };
    }
    case 'Float': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && FLOAT_TEXT.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) return { problem: `expected a number, got ${describe(raw)}` };
      return { value: n };
    }
  }
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'string') return JSON.stringify(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return `a ${typeof raw}`;
}

/**
 * The parameter values of an execution: given values converted to the declared types (CLI-style
 * strings such as "0.5" or "true" are accepted), defaults filled in. Throws ValidationError
 * (VALIDATION_FAILED) listing every problem at `parameters.<Name>`: unknown names, missing required
 * values, wrong types, non-integers for Integer and values outside `enum`.
 */
export function resolveParameterValues(def: PipelineDefinition, given: Readonly<Record<string, unknown>>): Record<string, ParameterValue> {
  const issues: ErrorIssue[] = [];
  const declared = new Map(def.parameters.map((p) => [p.name, p]));
  const supplied = given !== null && typeof given === 'object' && !Array.isArray(given) ? given : {};
  if (supplied !== given && given !== undefined)
    issues.push({ path: 'parameters', message: 'parameter values must be an object of name -> value' });
  for (const name of Object.keys(supplied).sort()) {
    if (!declared.has(name)) {
      const known = def.parameters.map((p) => p.name);
      issues.push({
        path: `parameters.${name}`,
        message: `unknown parameter; the pipeline declares ${known.length ? known.join(', ') : 'no parameters'}`,
      });
    }
  }
  const values: Record<string, ParameterValue> = {};
  for (const p of def.parameters) {
    const path = `parameters.${p.name}`;
    const raw = Object.hasOwn(supplied, p.name) ? supplied[p.name] : undefined;
    if (raw === undefined || raw === null) {
      if (p.default === null) issues.push({ path, message: `required ${p.type} parameter has no value and no default` });
      else values[p.name] = p.default;
      continue;
    }
    const result = convert(p, raw);
    if ('problem' in result) {
      issues.push({ path, message: `${result.problem} (parameter type ${p.type})` });
      continue;
    }
    if (p.enum !== null && !p.enum.includes(result.value)) {
      issues.push({
        path,
        message: `${JSON.stringify(result.value)} is not one of the allowed values ${p.enum.map((v) => JSON.stringify(v)).join(', ')}`,
      });
      continue;
    }
    values[p.name] = result.value;
  }
  if (issues.length > 0) throw new ValidationError('parameter values', issues);
  return values;
}
