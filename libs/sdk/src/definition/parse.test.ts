import { canonicalJson, isPedigreeError, ValidationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { irisDefinition } from '../testing/definitions.ts';
import { parseDefinition } from './parse.ts';

function rejection(input: unknown): ValidationError {
  try {
    parseDefinition(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected parseDefinition to throw');
}

describe('parseDefinition', () => {
  it('round-trips a complete definition given as JSON text or as an object', () => {
    const def = irisDefinition();
    expect(parseDefinition(canonicalJson(def))).toEqual(def);
    expect(parseDefinition(JSON.parse(JSON.stringify(def)))).toEqual(def);
    expect(canonicalJson(parseDefinition(canonicalJson(def)))).toBe(canonicalJson(def));
  });

  it('fills every optional field of a minimal hand-written document', () => {
    const def = parseDefinition({
      schemaVersion: '1',
      name: 'minimal',
      steps: [
        {
          name: 'hello',
          type: 'processing',
          run: { kind: 'command', argv: [{ kind: 'literal', value: 'echo' }] },
          retry: { maxAttempts: 2 },
        },
        {
          name: 'gate',
          type: 'condition',
          conditions: [{ kind: 'equals', left: { kind: 'literal', value: 1 }, right: { kind: 'literal', value: 1 } }],
        },
        { name: 'reg', type: 'register-model', modelPackageGroup: 'g', model: { step: 'hello', output: 'model' } },
        { name: 'wait', type: 'callback' },
        { name: 'stop', type: 'fail', errorMessage: { kind: 'literal', value: 'no' } },
      ].map((s) => (s.name === 'hello' ? { ...s, outputs: [{ name: 'model', type: 'Model' }] } : s)),
    });
    expect(def).toMatchObject({ description: null, parameters: [], maxParallelSteps: null });
    expect(def.steps[0]).toEqual({
      name: 'hello',
      type: 'processing',
      displayName: null,
      description: null,
      dependsOn: [],
      run: { kind: 'command', argv: [{ kind: 'literal', value: 'echo' }] },
      inputs: [],
      outputs: [{ name: 'model', type: 'Model', description: null }],
      propertyFiles: [],
      arguments: {},
      environment: {},
      cache: { enabled: false, expireAfter: null },
      retry: {
        maxAttempts: 2,
        initialIntervalSeconds: 1,
        backoffRate: 2,
        maxIntervalSeconds: 3600,
        retryOn: ['timeout', 'exit-code', 'runner-crash', 'interrupted', 'error'],
        exitCodes: null,
      },
      timeoutSeconds: null,
    });
    expect(def.steps[1]).toMatchObject({ ifSteps: [], elseSteps: [] });
    expect(def.steps[2]).toMatchObject({ approvalStatus: 'PendingManualApproval', metricsArtifact: null, metrics: {} });
    expect(def.steps[3]).toMatchObject({ message: null, outputs: [], timeoutSeconds: null });
  });

  it('reports malformed JSON with line and column', () => {
    const error = rejection('{\n  "schemaVersion": "1",\n  "name": }');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.message).toMatch(/^malformed JSON at line 3, column 11/);
  });

  it('reports an empty document', () => {
    expect(rejection('   ').issues[0]!.message).toBe('malformed JSON at line 1, column 4: empty document');
  });

  it.each([
    [null, 'null'],
    [42, 'a number'],
    [[1], 'an array'],
    ['"text"', 'a string'],
    [undefined, 'a undefined'],
  ])('rejects a document that is not an object (%j)', (input, kind) => {
    expect(rejection(input).issues).toEqual([{ path: '', message: `expected a JSON object, got ${kind}` }]);
  });

  it('names schemaVersion and the supported version when it is missing or unknown', () => {
    const { schemaVersion: _, ...rest } = irisDefinition();
    expect(rejection(rest).issues).toEqual([
      { path: 'schemaVersion', message: 'missing; this version of Pedigree reads schema version "1"' },
    ]);
    expect(rejection({ ...rest, schemaVersion: '2' }).issues).toEqual([
      { path: 'schemaVersion', message: 'unsupported schema version "2"; this version of Pedigree reads "1"' },
    ]);
    expect(rejection({ ...rest, schemaVersion: 1 }).issues[0]!.path).toBe('schemaVersion');
  });

  it('reports shape errors with step names in the path, all at once', () => {
    const def = JSON.parse(canonicalJson(irisDefinition()));
    def.steps[1].retry.maxAttempts = 'three';
    def.steps[0].cache.enabeld = true;
    def.steps[3].type = 'decision';
    def.parameters[0].type = 'Text';
    const paths = rejection(def).issues.map((i) => i.path);
    expect(paths).toContain('steps[1](train).retry.maxAttempts');
    expect(paths).toContain('steps[0](prepare).cache');
    expect(paths).toContain('steps[3](check).type');
    expect(paths).toContain('parameters[0](InputData).type');
    const unknown = rejection(def).issues.find((i) => i.path === 'steps[0](prepare).cache');
    expect(unknown?.message).toBe('unknown field "enabeld"');
  });

  it('runs semantic validation after the shape check', () => {
    const def = JSON.parse(canonicalJson(irisDefinition()));
    def.steps[1].inputs[0].source.output = 'nope';
    expect(rejection(def).issues).toEqual([
      { path: 'steps[1](train).inputs[0](train).source.output', message: 'step "prepare" does not declare an output "nope"' },
    ]);
  });

  it('rejects infinite numbers that JSON text can spell as 1e999', () => {
    const text = canonicalJson(irisDefinition()).replace('"maxParallelSteps":2', '"maxParallelSteps":1e999');
    expect(rejection(text).issues[0]!.path).toBe('maxParallelSteps');
  });

  it('turns hostile input into a ValidationError instead of a crash', () => {
    const hostile = {
      schemaVersion: '1',
      name: 'x',
      get steps(): never {
        throw new RangeError('boom');
      },
    };
    const error = rejection(hostile);
    expect(isPedigreeError(error)).toBe(true);
    let deep: unknown = { kind: 'literal', value: 1 };
    for (let i = 0; i < 20_000; i++) deep = { kind: 'join', on: '', values: [deep] };
    const def = JSON.parse(canonicalJson(irisDefinition()));
    def.steps[5].errorMessage = deep;
    expect(rejection(def)).toBeInstanceOf(ValidationError);
  });
});

describe('malformed JSON positions', () => {
  it.each([
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ['[1, 2', 1, 6],
    ['{"a": [1, 2}', 1, 12],
    ['{"a": tru}', 1, 7],
    ['{\n "a": "x\ty"\n}', 2, 9],
    ['{} extra', 1, 4],
    ['{"a": 01}', 1, 8],
  ])('%j fails at line %d column %d', (text, line, column) => {
    expect(rejection(text).issues[0]!.message).toMatch(new RegExp(`^malformed JSON at line ${line}, column ${column}: `));
  });
});

describe('hostile keys', () => {
  it('refuses a __proto__ key instead of silently dropping it', () => {
    const text = canonicalJson(irisDefinition()).replace(
      '"arguments":{"epochs"',
      '"arguments":{"__proto__":{"kind":"literal","value":1},"epochs"',
    );
    expect(rejection(text).issues).toEqual([
      { path: 'steps[1](train).arguments.__proto__', message: 'the key "__proto__" is not allowed' },
    ]);
  });

  it('says which required field is missing', () => {
    const def = JSON.parse(canonicalJson(irisDefinition()));
    delete def.steps[2].run.module;
    def.parameters[0].default = {};
    expect(rejection(def).issues).toEqual([
      { path: 'parameters[0](InputData).default', message: 'expected a string, number, boolean or null' },
      { path: 'steps[2](evaluate).run.module', message: 'missing required field (expected string)' },
    ]);
  });
});

describe('cyclic input', () => {
  it('is a ValidationError, not a hang or a crash', () => {
    const def = JSON.parse(canonicalJson(irisDefinition()));
    def.steps[5].errorMessage.values.push(def.steps[5].errorMessage);
    expect(rejection(def)).toBeInstanceOf(ValidationError);
  });
});
