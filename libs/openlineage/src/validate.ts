import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonObject, OpenLineageEventKind } from '@pedigree/domain';
import { isOffsetLessTime } from './normalize.ts';

// ajv and ajv-formats are CommonJS: under NodeNext the default import is `module.exports`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
type Ajv = InstanceType<typeof Ajv2020>;

/** Where a problem is (a JSON pointer into the event, e.g. `/run/runId`) and what it is. */
export interface OpenLineageIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Something accepted although not as the spec describes it, stored as sent. `off-schema`: a facet
 * that does not match its schema (dbt's `"_deleted": null`, Spark's catalog facet without `name`), a
 * facet that is not an object, an eventTime without offset; counted as a warning of its producer.
 * `unknown-facet`: a custom facet with no schema known here (`spark.logicalPlan`, `dbt_version`),
 * valid against the base facet; the spec allows those, so they are counted apart.
 */
export interface OpenLineageWarning extends OpenLineageIssue {
  readonly kind: 'off-schema' | 'unknown-facet';
}

export type OpenLineageValidation =
  | {
      readonly ok: true;
      readonly kind: OpenLineageEventKind;
      readonly event: JsonObject;
      /** Facets that did not match their schema, or have no known schema: accepted and stored as sent. */
      readonly warnings: readonly OpenLineageWarning[];
    }
  | { readonly ok: false; readonly error: OpenLineageIssue };

const SPEC_DIR = fileURLToPath(new URL('../spec/', import.meta.url));
export const OPENLINEAGE_SPEC_VERSION = '2-0-2';
const CORE_ID = `https://openlineage.io/spec/${OPENLINEAGE_SPEC_VERSION}/OpenLineage.json`;

/** The facet containers of an event, by the core definition their values follow. */
type FacetCategory = 'run' | 'job' | 'dataset' | 'inputDataset' | 'outputDataset';

/** Core `$defs` that describe facets: replaced by a plain object in the core validator (facets are checked apart). */
const FACET_DEFS: Readonly<Record<FacetCategory, string>> = {
  run: 'RunFacet',
  job: 'JobFacet',
  dataset: 'DatasetFacet',
  inputDataset: 'InputDatasetFacet',
  outputDataset: 'OutputDatasetFacet',
};

interface FacetSchema {
  /** The facet schema file's validator (an object `{ [facetKey]: facet }`), compiled on first use and kept. */
  validate(): ValidateFunction;
  readonly file: string;
  /** The facet key the file declares (`schema`, `columnLineage`...). */
  readonly key: string;
}

interface Validators {
  readonly events: Readonly<Record<OpenLineageEventKind, ValidateFunction>>;
  /** Facet schemas by category, then by facet key (`schema`, `columnLineage`, `parent`...). */
  readonly facetsByKey: Readonly<Record<FacetCategory, ReadonlyMap<string, FacetSchema>>>;
  /** Facet schemas by file name (`SchemaDatasetFacet.json`), for facets sent under another key with a known `_schemaURL`. */
  readonly facetsByFile: ReadonlyMap<string, FacetSchema>;
  /** The base facet definition of each category, for facets without a known schema. */
  readonly baseFacets: Readonly<Record<FacetCategory, ValidateFunction>>;
}

let validators: Validators | null = null;

function newAjv(options: { readonly formats: boolean }): Ajv {
  // Not strict: the spec schemas carry annotation keywords of their own (`example`, `documentation`...)
  // that ajv's strict mode refuses; they are annotations, never constraints.
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: options.formats });
  addFormats(ajv);
  return ajv;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

const CATEGORY_OF_DEF: ReadonlyMap<string, FacetCategory> = new Map(
  Object.entries(FACET_DEFS).map(([category, def]) => [def, category as FacetCategory]),
);

/**
 * The containers a facet key of a facet schema file belongs in, from the core definition its facet
 * extends (`allOf: [{ $ref: ".../OpenLineage.json#/$defs/InputDatasetFacet" }, ...]`); a key whose
 * schema is an `anyOf` of several facets (the `lineage` facet) belongs in each of theirs.
 */
function categoriesOf(schema: Record<string, unknown>, key: string): FacetCategory[] {
  const defs = (schema['$defs'] as Record<string, Record<string, unknown>> | undefined) ?? {};
  const property = (schema['properties'] as Record<string, Record<string, unknown>>)[key] ?? {};
  const local = (ref: unknown): Record<string, unknown> | undefined =>
    typeof ref === 'string' && ref.startsWith('#/$defs/') ? defs[ref.slice('#/$defs/'.length)] : undefined;
  const targets = [property['$ref'], ...((property['anyOf'] as { $ref?: string }[] | undefined) ?? []).map((a) => a.$ref)]
    .map(local)
    .filter((t): t is Record<string, unknown> => t !== undefined);
  const found = new Set<FacetCategory>();
  for (const target of targets) {
    for (const part of (target['allOf'] as { $ref?: string }[] | undefined) ?? []) {
      const category = typeof part.$ref === 'string' ? CATEGORY_OF_DEF.get(part.$ref.split('/').pop() ?? '') : undefined;
      if (category) found.add(category);
    }
  }
  return [...found];
}

/**
 * Compiles the schemas once per process (on first use; a few tens of milliseconds). Two ajv
 * instances: the core one sees the facet definitions as plain objects, so a facet a producer sends
 * slightly off its schema never rejects the event; the facet one holds the unmodified spec.
 */
function getValidators(): Validators {
  if (validators) return validators;
  const core = readJson(`${SPEC_DIR}OpenLineage.json`);
  const defs = core['$defs'] as Record<string, unknown>;

  const lenientCore = { ...core, $defs: { ...defs } } as Record<string, unknown> & { $defs: Record<string, unknown> };
  for (const def of [...Object.values(FACET_DEFS), 'BaseFacet']) {
    lenientCore.$defs[def] = { description: 'validated apart, as a warning (see validate.ts)' };
  }
  const coreAjv = newAjv({ formats: true });
  coreAjv.addSchema(lenientCore);
  const event = (kind: OpenLineageEventKind): ValidateFunction => {
    const validate = coreAjv.getSchema(`${CORE_ID}#/$defs/${kind}`);
    if (!validate) throw new Error(`the OpenLineage spec has no ${kind} definition`);
    return validate;
  };

  // Formats are not checked inside facets: producers routinely put plain words where the facet
  // schemas say URI (`"uri": "file"`, `"bigquery"` in dataSource), and a warning on every such
  // event would drown the ones that matter (a missing required field, a wrong type).
  const facetAjv = newAjv({ formats: false });
  facetAjv.addSchema(core);
  const facetsByKey: Record<FacetCategory, Map<string, FacetSchema>> = {
    run: new Map(),
    job: new Map(),
    dataset: new Map(),
    inputDataset: new Map(),
    outputDataset: new Map(),
  };
  const facetsByFile = new Map<string, FacetSchema>();
  const facetDir = `${SPEC_DIR}facets/`;
  for (const file of readdirSync(facetDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = readJson(`${facetDir}${file}`);
    // Added now, compiled on first use: compiling all 38 facet schemas up front took most of a
    // second, and an event names only a handful of them.
    facetAjv.addSchema(schema);
    const id = String(schema['$id']);
    let compiled: ValidateFunction | undefined;
    const facet: FacetSchema = {
      file,
      key: Object.keys((schema['properties'] as Record<string, unknown> | undefined) ?? {})[0] ?? '',
      validate() {
        compiled ??= facetAjv.getSchema(id);
        if (!compiled) throw new Error(`the facet schema ${file} did not compile`);
        return compiled;
      },
    };
    facetsByFile.set(file, facet);
    for (const key of Object.keys((schema['properties'] as Record<string, unknown> | undefined) ?? {})) {
      for (const category of categoriesOf(schema, key)) facetsByKey[category].set(key, facet);
    }
  }
  const base = (category: FacetCategory): ValidateFunction => {
    const validate = facetAjv.getSchema(`${CORE_ID}#/$defs/${FACET_DEFS[category]}`);
    if (!validate) throw new Error(`the OpenLineage spec has no ${FACET_DEFS[category]} definition`);
    return validate;
  };
  validators = {
    events: { RunEvent: event('RunEvent'), DatasetEvent: event('DatasetEvent'), JobEvent: event('JobEvent') },
    facetsByKey,
    facetsByFile,
    baseFacets: {
      run: base('run'),
      job: base('job'),
      dataset: base('dataset'),
      inputDataset: base('inputDataset'),
      outputDataset: base('outputDataset'),
    },
  };
  return validators;
}

/** Compiles the schemas now (the API calls this at start so the first event does not pay for it). */
export function preloadOpenLineageSchemas(): void {
  getValidators();
}

/**
 * Compiles every facet schema, one per turn of the event loop so that requests are served in
 * between; returns how many. The API starts it once it listens: together with the core schemas
 * compiled before it listens, no event pays for a compilation (a facet an event needs before
 * its turn here is compiled for that event, once, as it would be anyway).
 */
export async function compileOpenLineageFacetSchemas(): Promise<number> {
  let compiled = 0;
  for (const facet of getValidators().facetsByFile.values()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    facet.validate();
    compiled += 1;
  }
  return compiled;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Which event definition applies. The spec's root is a `oneOf` of the three, whose errors would
 * name every branch; picking the branch from the fields present gives one precise reason instead
 * (an event with `eventType` but no `run` is a RunEvent missing `/run`).
 */
export function openLineageEventKindOf(event: Record<string, unknown>): OpenLineageEventKind {
  if ('run' in event || 'eventType' in event) return 'RunEvent';
  if ('dataset' in event) return 'DatasetEvent';
  if ('job' in event) return 'JobEvent';
  return 'RunEvent';
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The JSON pointer of an ajv error: for a missing property, the path of the property itself. */
function issueOf(error: ErrorObject, prefix = ''): OpenLineageIssue {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const path = `${prefix}${error.instancePath}${missing !== undefined ? `/${escapePointer(missing)}` : ''}` || '/';
  const message =
    missing !== undefined
      ? `${missing} is required`
      : error.keyword === 'additionalProperties'
        ? `${error.message ?? 'is not allowed'} (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
        : error.keyword === 'enum'
          ? `must be one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`
          : (error.message ?? 'is not valid');
  return { path, message };
}

/** `.../facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet` → `SchemaDatasetFacet.json`. */
function schemaFileOf(facet: Record<string, unknown>): string | null {
  const url = facet['_schemaURL'];
  if (typeof url !== 'string') return null;
  const match = /\/([A-Za-z0-9]+\.json)(?:#.*)?$/.exec(url);
  return match ? match[1]! : null;
}

function checkFacets(container: unknown, category: FacetCategory, path: string, v: Validators, warnings: OpenLineageWarning[]): void {
  if (!isObject(container)) return;
  for (const [key, facet] of Object.entries(container)) {
    const facetPath = `${path}/${escapePointer(key)}`;
    if (!isObject(facet)) {
      warnings.push({ kind: 'off-schema', path: facetPath, message: 'a facet must be a JSON object; stored as sent' });
      continue;
    }
    const byFile = schemaFileOf(facet);
    const known = v.facetsByKey[category].get(key) ?? (byFile ? v.facetsByFile.get(byFile) : undefined);
    if (known) {
      // The facet file's schema describes an object holding the facet under its key.
      const schemaKey = v.facetsByKey[category].has(key) ? key : known.key;
      const validate = known.validate();
      if (!validate({ [schemaKey]: facet })) {
        const error = validate.errors![0]!;
        const issue = issueOf({ ...error, instancePath: error.instancePath.slice(schemaKey.length + 1) }, facetPath);
        warnings.push({ kind: 'off-schema', path: issue.path, message: `${issue.message} (${known.file}); stored as sent` });
      }
      continue;
    }
    const base = v.baseFacets[category];
    if (!base(facet)) {
      const issue = issueOf(base.errors![0]!, facetPath);
      warnings.push({
        kind: 'off-schema',
        path: issue.path,
        message: `${issue.message} (no schema known for facet "${key}"); stored as sent`,
      });
    } else {
      warnings.push({ kind: 'unknown-facet', path: facetPath, message: `no schema known for facet "${key}"; stored as sent` });
    }
  }
}

/**
 * Identities the schema allows empty but the graph cannot key on: job and dataset namespaces and
 * names must be non-empty (an empty name would merge unrelated datasets into one node).
 */
function identityIssue(event: Record<string, unknown>): OpenLineageIssue | null {
  const check = (value: unknown, path: string): OpenLineageIssue | null => {
    if (!isObject(value)) return null;
    for (const key of ['namespace', 'name']) {
      if (value[key] === '') return { path: `${path}/${key}`, message: `${key} must not be empty` };
    }
    return null;
  };
  let issue = check(event['job'], '/job') ?? check(event['dataset'], '/dataset');
  for (const side of ['inputs', 'outputs'] as const) {
    const datasets = event[side];
    if (issue || !Array.isArray(datasets)) continue;
    for (let i = 0; i < datasets.length && !issue; i += 1) issue = check(datasets[i], `/${side}/${i}`);
  }
  return issue;
}

/**
 * Validates one OpenLineage event against the 2-0-2 spec. The core (event type, run, job, times,
 * datasets) must match, else the event is rejected with the JSON pointer of the first problem.
 * Facets are checked against their own schemas (by key, else by `_schemaURL`), and a facet that
 * does not match, or has no schema known here, is a warning: real producers send facets slightly
 * off the schema (dbt's `"_deleted": null`, Spark's catalog facet without `name`).
 */
export function validateOpenLineageEvent(input: unknown): OpenLineageValidation {
  if (!isObject(input)) {
    return {
      ok: false,
      error: {
        path: '/',
        message: `an OpenLineage event must be a JSON object (got ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input})`,
      },
    };
  }
  const v = getValidators();
  const kind = openLineageEventKindOf(input);
  const validate = v.events[kind];
  const warnings: OpenLineageWarning[] = [];
  const eventTime = input['eventTime'];
  // The Python client's serde example sends a date-time without offset; it is read as UTC.
  const offsetLess = typeof eventTime === 'string' && isOffsetLessTime(eventTime);
  if (offsetLess) warnings.push({ kind: 'off-schema', path: '/eventTime', message: 'has no UTC offset; read as UTC' });
  if (!validate(offsetLess ? { ...input, eventTime: `${eventTime}Z` } : input)) return { ok: false, error: issueOf(validate.errors![0]!) };
  const identity = identityIssue(input);
  if (identity) return { ok: false, error: identity };

  if (isObject(input['run'])) checkFacets(input['run']['facets'], 'run', '/run/facets', v, warnings);
  if (isObject(input['job'])) checkFacets(input['job']['facets'], 'job', '/job/facets', v, warnings);
  if (isObject(input['dataset'])) checkFacets(input['dataset']['facets'], 'dataset', '/dataset/facets', v, warnings);
  for (const side of ['inputs', 'outputs'] as const) {
    const datasets = input[side];
    if (!Array.isArray(datasets)) continue;
    datasets.forEach((dataset: unknown, index) => {
      if (!isObject(dataset)) return;
      checkFacets(dataset['facets'], 'dataset', `/${side}/${index}/facets`, v, warnings);
      if (side === 'inputs') checkFacets(dataset['inputFacets'], 'inputDataset', `/inputs/${index}/inputFacets`, v, warnings);
      else checkFacets(dataset['outputFacets'], 'outputDataset', `/outputs/${index}/outputFacets`, v, warnings);
    });
  }
  return { ok: true, kind, event: input as JsonObject, warnings };
}
