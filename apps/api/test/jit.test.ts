import type { ExecutionId } from '@pedigree/domain';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jitSuitable, pathOf } from '../src/server/create-yoga.ts';
import { createHarness, type Harness } from './harness.ts';
import { seedSmallRun } from './seed.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await seedSmallRun(h);
});
afterAll(async () => h.close());

describe('compiled execution (graphql-jit)', () => {
  it('compiles queries and mutations; not subscriptions nor JSON literals that read variables', () => {
    const schema = h.app.yoga.getEnveloped().schema;
    const suitable = (source: string, operationName?: string): boolean => jitSuitable(schema, parse(source), operationName);
    expect(suitable('query($id: ID!) { lineage(startIds: [$id], direction: UPSTREAM, maxDepth: 10) { truncated } }')).toBe(true);
    expect(suitable('mutation($input: StartExecutionInput!) { startExecution(input: $input) { errors { path } } }')).toBe(true);
    expect(suitable('mutation { startExecution(input: { pipelineName: "small", parameters: { Epochs: 2 } }) { errors { path } } }')).toBe(
      false,
    );
    expect(suitable('subscription { executionsChanged { executionId } }')).toBe(false);
    const mixed = 'query Q { pipelines(first: 1) { edges { cursor } } } subscription S { executionsChanged { executionId } }';
    expect(suitable(mixed, 'Q')).toBe(true);
    expect(suitable(mixed, 'S')).toBe(false);
  });

  it('reads a variable inside a JSON literal per request, as graphql-js does', async () => {
    const start = `mutation($epochs: Int) {
      startExecution(input: { pipelineName: "small", parameters: { Epochs: $epochs } }) { execution { id parameters } errors { path } }
    }`;
    for (const epochs of [7, 8]) {
      const { body } = await h.gql<{ startExecution: { execution: { id: string; parameters: Record<string, unknown> } } }>(start, {
        epochs,
      });
      expect(body.errors).toBeUndefined();
      expect(body.data!.startExecution.execution.parameters).toMatchObject({ Epochs: epochs });
      await h.executor.wait(body.data!.startExecution.execution.id as ExecutionId);
    }
  });

  it('serves a repeated query from the compiled form with the same result', async () => {
    const query = '{ pipelines(first: 5) { edges { cursor node { name } } } }';
    const first = await h.gql(query);
    const second = await h.gql(query);
    expect(first.body.errors).toBeUndefined();
    expect(second.body).toEqual(first.body);
  });
});

describe('pathOf', () => {
  it('is the pathname of an absolute URL', () => {
    for (const url of [
      'http://127.0.0.1:4000/graphql',
      'http://h/graphql?query=x',
      'http://h',
      'http://h/a/b?c=/d',
      'https://[::1]:4000/x?',
    ]) {
      expect(pathOf(url)).toBe(new URL(url).pathname);
    }
  });
});
