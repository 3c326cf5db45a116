/** Typed pipeline parameters in a form: raw text in, typed values or a message per field out. */
export interface ParameterSpec {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[] | null;
  readonly description?: string | null;
}

export type RawValues = Record<string, string | boolean>;

export function initialValues(specs: readonly ParameterSpec[]): RawValues {
  const values: RawValues = {};
  for (const spec of specs) {
    if (spec.type === 'Boolean') values[spec.name] = spec.default === true;
    else values[spec.name] = spec.default === null || spec.default === undefined ? '' : String(spec.default);
  }
  return values;
}

export interface ParsedParameters {
  readonly values: Record<string, unknown>;
  readonly errors: Record<string, string>;
}

export function parseParameters(specs: readonly ParameterSpec[], raw: RawValues): ParsedParameters {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const input = raw[spec.name];
    if (spec.type === 'Boolean') {
      values[spec.name] = input === true;
      continue;
    }
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') {
      if (spec.default === null || spec.default === undefined) errors[spec.name] = 'Required: this parameter has no default.';
      continue;
    }
    let value: unknown = text;
    if (spec.type === 'Integer') {
      if (!/^[-+]?\d+$/.test(text)) {
        errors[spec.name] = `Enter a whole number (e.g. ${typeof spec.default === 'number' ? spec.default : 42}).`;
        continue;
      }
      value = Number(text);
      if (!Number.isSafeInteger(value)) {
        errors[spec.name] = 'This number is too large.';
        continue;
      }
    } else if (spec.type === 'Float') {
      const n = Number(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(n)) {
        errors[spec.name] = `Enter a number (e.g. ${typeof spec.default === 'number' ? spec.default : 0.5}).`;
        continue;
      }
      value = n;
    }
    if (spec.enum && spec.enum.length > 0 && !spec.enum.some((allowed) => allowed === value)) {
      errors[spec.name] = `Choose one of: ${spec.enum.map(String).join(', ')}.`;
      continue;
    }
    values[spec.name] = value;
  }
  return { values, errors };
}

/** Maps a server field path (`input.parameters.Epochs` or `parameters.Epochs`) to the parameter name. */
export function parameterFromPath(path: string): string | null {
  const match = /(?:^|\.)parameters\.([^.]+)/.exec(path);
  return match?.[1] ?? null;
}
