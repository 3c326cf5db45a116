import { createHash, randomBytes } from 'node:crypto';

/**
 * Branded ids: plain strings at run time, distinct types at compile time so that an execution id
 * cannot be passed where an artifact id is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PipelineVersionId = Brand<string, 'PipelineVersionId'>;
export type ExecutionId = Brand<string, 'ExecutionId'>;
export type StepExecutionId = Brand<string, 'StepExecutionId'>;
export type ArtifactId = Brand<string, 'ArtifactId'>;
export type ModelPackageId = Brand<string, 'ModelPackageId'>;
export type ContextId = Brand<string, 'ContextId'>;
/** `sha256:<64 hex>` */
export type Digest = Brand<string, 'Digest'>;

export type NodeId = PipelineVersionId | ExecutionId | StepExecutionId | ArtifactId | ModelPackageId | ContextId | string;

export const ID_PREFIX = {
  pipeline: 'pl_',
  pipelineVersion: 'pv_',
  execution: 'ex_',
  stepExecution: 'se_',
  artifact: 'ar_',
  modelPackage: 'mp_',
  context: 'cx_',
  openLineageRun: 'olr_',
} as const;

let lastMs = 0;
let seq = 0;

/**
 * A time-ordered, unique id body (UUIDv7 layout, hex without dashes): ids created later sort
 * later, which keeps cursor pagination and "most recent" queries index-friendly.
 */
export function createSortableIdBody(): string {
  let now = Date.now();
  // Monotonic within one process even when several ids are made in the same millisecond.
  if (now <= lastMs) {
    seq += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = 0;
  }
  const time = now.toString(16).padStart(12, '0');
  const counter = (seq & 0xfff).toString(16).padStart(3, '0');
  const rand = randomBytes(8).toString('hex');
  return `${time}7${counter}${rand.slice(0, 16)}`;
}

function hashId(parts: readonly string[], length = 32): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, length);
}

export const createExecutionId = (): ExecutionId => `${ID_PREFIX.execution}${createSortableIdBody()}` as ExecutionId;
export const createStepExecutionId = (): StepExecutionId => `${ID_PREFIX.stepExecution}${createSortableIdBody()}` as StepExecutionId;
export const createModelPackageId = (): ModelPackageId => `${ID_PREFIX.modelPackage}${createSortableIdBody()}` as ModelPackageId;

/** Artifact identity is content: the same bytes at the same URI are always the same id. */
export const artifactIdFor = (uri: string, digest: Digest | string): ArtifactId =>
  `${ID_PREFIX.artifact}${hashId(['artifact', uri, digest])}` as ArtifactId;

/** A pipeline version is identified by its pipeline and definition hash: an identical upsert is the same version. */
export const pipelineVersionIdFor = (pipelineName: string, definitionHash: Digest | string): PipelineVersionId =>
  `${ID_PREFIX.pipelineVersion}${hashId(['pipelineVersion', pipelineName, definitionHash])}` as PipelineVersionId;

/** A context is identified by its type and name (an experiment, a model package group, a namespace). */
export const contextIdFor = (type: string, name: string): ContextId =>
  `${ID_PREFIX.context}${hashId(['context', type, name])}` as ContextId;

export const pipelineNodeIdFor = (pipelineName: string): string => `${ID_PREFIX.pipeline}${hashId(['pipeline', pipelineName])}`;

export function isDigest(value: unknown): value is Digest {
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);
}
