import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  canonicalDigest,
  digestBytes,
  isPedigreeError,
  type ArtifactType,
  type ErrorCode,
  type ExecutionId,
  type IsoTimestamp,
  type JsonObject,
  type PedigreeError,
  type PipelineExecution,
  type PipelineVersion,
  type StepExecution,
  type StepType,
} from '@pedigree/domain';
import type { GraphStore } from '../graph-store.ts';
import type { ArtifactInput, ChannelArtifactInput, Page, PageRequest } from '../types.ts';

/* Seeding helpers for the contract suite. Every name they make is unique, so no case depends on another's data or on an empty store. */

/** A unique, readable name: `<prefix>-<random>`. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** An ISO timestamp `minutes` after a fixed base, for cases that need a known order in time. */
export function at(minutes: number, base = '2031-01-01T00:00:00.000Z'): IsoTimestamp {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

/** An artifact at `uri` whose content (and so digest) is `content` (default: the uri). */
export function artifactInput(
  uri: string,
  options: { type?: ArtifactType; name?: string; content?: string; properties?: JsonObject; createdAt?: IsoTimestamp } = {},
): ArtifactInput {
  return {
    uri,
    digest: digestBytes(options.content ?? uri),
    type: options.type ?? 'DataSet',
    name: options.name ?? uri.slice(uri.lastIndexOf('/') + 1),
    size: (options.content ?? uri).length,
    properties: options.properties ?? {},
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  };
}

export function channel(name: string, artifact: ArtifactInput): ChannelArtifactInput {
  return { name, artifact };
}

export interface SeededExecution {
  readonly pipelineName: string;
  readonly version: PipelineVersion;
  readonly execution: PipelineExecution;
}

/** A fresh pipeline with one version. */
export async function seedPipeline(
  store: GraphStore,
  name = unique('pipeline'),
): Promise<{ pipelineName: string; version: PipelineVersion }> {
  const definition = { name, steps: [{ name: 'train' }] };
  const { version } = await store.upsertPipelineVersion({ pipelineName: name, definition, definitionHash: canonicalDigest(definition) });
  return { pipelineName: name, version };
}

/** A fresh pipeline, version and execution. */
export async function seedExecution(
  store: GraphStore,
  options: { pipelineName?: string; startedAt?: IsoTimestamp; createdBy?: string; scheduleId?: string } = {},
): Promise<SeededExecution> {
  const existing = options.pipelineName ? await store.findPipeline(options.pipelineName) : null;
  const { pipelineName, version } = existing
    ? { pipelineName: existing.name, version: (await store.findPipelineVersion(existing.name, existing.latestVersion))! }
    : await seedPipeline(store, options.pipelineName);
  const execution = await store.createExecution({
    pipelineVersionId: version.id,
    parameters: { rate: 0.1, label: 'x', flag: true },
    ...(options.startedAt ? { at: options.startedAt } : {}),
    ...(options.createdBy ? { createdBy: options.createdBy } : {}),
    ...(options.scheduleId ? { scheduleId: options.scheduleId } : {}),
  });
  return { pipelineName, version, execution };
}

export interface RunStepOptions {
  readonly inputs?: readonly ChannelArtifactInput[];
  readonly outputs?: readonly ChannelArtifactInput[];
  readonly cacheKey?: string | null;
  readonly stepType?: StepType;
  readonly startedAt?: IsoTimestamp;
  readonly endedAt?: IsoTimestamp;
  readonly status?: 'Succeeded' | 'Failed';
  readonly properties?: JsonObject;
}

/** Creates a step, starts it and records its result (Starting -> Executing -> Succeeded|Failed). */
export async function runStep(
  store: GraphStore,
  executionId: ExecutionId,
  stepName: string,
  options: RunStepOptions = {},
): Promise<StepExecution> {
  const step = await store.createStepExecution({
    executionId,
    stepName,
    stepType: options.stepType ?? 'processing',
    status: 'Starting',
    ...(options.startedAt ? { at: options.startedAt } : {}),
  });
  await store.transitionStep({ id: step.id, from: 'Starting', to: 'Executing', ...(options.startedAt ? { at: options.startedAt } : {}) });
  return store.recordStepResult({
    stepExecutionId: step.id,
    from: 'Executing',
    status: options.status ?? 'Succeeded',
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
    cacheKey: options.cacheKey ?? null,
    ...(options.endedAt ? { at: options.endedAt } : {}),
    ...(options.properties ? { properties: options.properties } : {}),
  });
}

/** Awaits `promise` and asserts it rejected with a PedigreeError of `code`; returns the error for further checks. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<PedigreeError & Record<string, unknown>> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ${code} error, but the call succeeded`).toBeDefined();
  expect(isPedigreeError(error), `expected a PedigreeError, got ${String(error)}`).toBe(true);
  expect((error as PedigreeError).code, (error as Error).message).toBe(code);
  return error as PedigreeError & Record<string, unknown>;
}

/** Asserts a NOT_FOUND that names exactly `ids` (in any order). */
export async function expectNotFound(promise: Promise<unknown>, ids: readonly string[]): Promise<void> {
  const error = await expectCode(promise, 'NOT_FOUND');
  expect([...(error.ids as string[])].sort()).toEqual([...ids].sort());
}

/** Asserts an INVALID_ARGUMENT naming `argument`. */
export async function expectInvalidArgument(promise: Promise<unknown>, argument: string): Promise<void> {
  const error = await expectCode(promise, 'INVALID_ARGUMENT');
  expect(error.argument).toBe(argument);
}

/** Asserts a VALIDATION_FAILED with an issue whose path ends with `path`. */
export async function expectValidation(promise: Promise<unknown>, path: string): Promise<void> {
  const error = await expectCode(promise, 'VALIDATION_FAILED');
  const paths = (error.issues as { path: string }[]).map((i) => i.path);
  expect(
    paths.some((p) => p === path || p.endsWith(`.${path}`) || p.endsWith(path)),
    `issue paths ${JSON.stringify(paths)} should name ${path}`,
  ).toBe(true);
}

/** Walks every page of a listing with `first` items a page; fails on a repeated cursor. */
export async function walkPages<T>(list: (page: PageRequest) => Promise<Page<T>>, first: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | null = null;
  let pages = 0;
  const seenCursors = new Set<string>();
  for (;;) {
    const page: Page<T> = await list({ first, after });
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(first);
    items.push(...page.items);
    if (!page.hasNextPage) break;
    expect(page.endCursor).not.toBeNull();
    expect(seenCursors.has(page.endCursor!)).toBe(false);
    seenCursors.add(page.endCursor!);
    after = page.endCursor;
    if (pages > 10_000) throw new Error('pagination did not end');
  }
  return { items, pages };
}
