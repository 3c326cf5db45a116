import type { Artifact, PipelineExecution } from '@pedigree/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_PATH } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';
import { seedSmallRun } from './seed.ts';

let h: Harness;
let execution: PipelineExecution;
let model: Artifact;
let input: Artifact;

beforeAll(async () => {
  h = await createHarness();
  execution = await seedSmallRun(h);
  model = (await h.store.listArtifacts({ types: ['Model'] })).items[0]!;
  input = (await h.store.listArtifacts({ uriPrefix: 'file://' })).items[0]!;
});
afterAll(async () => h.close());

const data = async <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  token: 'viewer' | 'editor' | 'admin' = 'viewer',
): Promise<T> => {
  const { body } = await h.gql<T>(query, variables, { token });
  expect(body.errors).toBeUndefined();
  return body.data!;
};

describe('queries', () => {
  it('viewer names the token and its role', async () => {
    expect(await data('{ viewer { name role anonymous } }')).toEqual({ viewer: { name: 'vera', role: 'viewer', anonymous: false } });
  });

  it('serverInfo reports the store', async () => {
    const result = await data<{ serverInfo: { store: { adapter: string; ok: boolean }; anonymousAccess: boolean } }>(
      '{ serverInfo { version anonymousAccess store { adapter ok schemaVersion message } } }',
    );
    expect(result.serverInfo.store).toMatchObject({ adapter: 'sqlite', ok: true });
    expect(result.serverInfo.anonymousAccess).toBe(false);
  });

  it('apiTokens lists names, roles and fingerprints, never secrets (admin only)', async () => {
    const result = await data<{ apiTokens: { name: string; fingerprint: string }[] }>(
      '{ apiTokens { name role fingerprint } }',
      {},
      'admin',
    );
    expect(result.apiTokens.map((t) => t.name)).toEqual(['vera', 'eddie', 'ada']);
    expect(result.apiTokens[0]!.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    const refused = await h.gql('{ apiTokens { name } }', {}, { token: 'editor' });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('pipelines and pipeline(name) with versions, parameters, definition and a drawable DAG', async () => {
    const result = await data<{
      pipelines: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean } };
      pipeline: {
        latestVersion: number;
        version: {
          version: number;
          definition: { name: string };
          parameters: { name: string; type: string; default: unknown }[];
          dag: unknown;
        };
        versions: { edges: { node: { version: number } }[] };
        executions: { edges: { node: { id: string } }[] };
      };
      missing: null;
    }>(`{
      pipelines(first: 10) { edges { cursor node { name latestVersion } } pageInfo { hasNextPage endCursor } }
      pipeline(name: "small") {
        latestVersion
        version { version definitionHash definition parameters { name type default enum description } dag { nodes { name type order condition branch } edges { from to kind } } }
        versions { edges { node { version } } }
        executions { edges { node { id } } }
      }
      missing: pipeline(name: "nope") { name }
    }`);
    expect(result.pipelines.edges.map((e) => e.node.name)).toEqual(['small']);
    expect(result.pipeline.version.parameters).toEqual([
      { name: 'Epochs', type: 'Integer', default: 3, enum: null, description: 'Training epochs.' },
      { name: 'Fail', type: 'Boolean', default: false, enum: null, description: 'Make the train step fail.' },
    ]);
    expect(result.pipeline.version.dag).toEqual({
      nodes: [
        { name: 'prepare', type: 'processing', order: 0, condition: null, branch: null },
        { name: 'train', type: 'training', order: 1, condition: null, branch: null },
        { name: 'register', type: 'register-model', order: 2, condition: null, branch: null },
      ],
      edges: [
        { from: 'prepare', to: 'train', kind: 'DATA' },
        { from: 'train', to: 'register', kind: 'DATA' },
      ],
    });
    expect(result.pipeline.versions.edges).toEqual([{ node: { version: 1 } }]);
    expect(result.pipeline.executions.edges).toEqual([{ node: { id: execution.id } }]);
    expect(result.missing).toBeNull();
  });

  it('pipelineVersion by id', async () => {
    const result = await data<{ pipelineVersion: { pipelineName: string } }>(
      'query($id: ID!) { pipelineVersion(id: $id) { pipelineName version } }',
      {
        id: execution.pipelineVersionId,
      },
    );
    expect(result.pipelineVersion).toEqual({ pipelineName: 'small', version: 1 });
  });

  it('execution(id) with steps, attempts, cache facts, inputs, outputs and logs', async () => {
    const result = await data<{
      execution: {
        status: string;
        durationMs: number;
        createdBy: string;
        parameters: Record<string, unknown>;
        steps: {
          stepName: string;
          status: string;
          attempts: { attempt: number; status: string }[];
          cacheKey: string | null;
          cacheMiss: { reason: string } | null;
          inputs: { name: string; artifact: { type: string } }[];
          outputs: { name: string; artifact: { type: string } }[];
          logs: { stream: string; message: string }[];
        }[];
        step: { stepName: string; execution: { id: string } };
      };
    }>(
      `query($id: ID!) { execution(id: $id) {
        id status startedAt endedAt durationMs createdBy parameters failureReason
        pipeline { name } pipelineVersion { version }
        steps {
          id stepName stepType status attempt cacheHit cacheKey startedAt endedAt failureReason resolvedArguments properties
          attempts { attempt status startedAt endedAt failureReason failureKind exitCode }
          reusedStepExecution { id }
          cacheMiss { reason nearestCacheKey differingFields message nearestStepExecution { id } }
          inputs { name artifact { id type name } }
          outputs { name artifact { id type name digest size uri } }
          logs(last: 10) { at stream message }
        }
        step(name: "train") { stepName execution { id } }
      } }`,
      { id: execution.id },
    );
    const e = result.execution;
    expect(e).toMatchObject({ status: 'Succeeded', createdBy: 'eddie', parameters: { Epochs: 3, Fail: false } });
    expect(e.durationMs).toBeGreaterThanOrEqual(0);
    expect(e.steps.map((s) => [s.stepName, s.status])).toEqual([
      ['prepare', 'Succeeded'],
      ['train', 'Succeeded'],
      ['register', 'Succeeded'],
    ]);
    const prepare = e.steps[0]!;
    expect(prepare.attempts).toMatchObject([{ attempt: 1, status: 'Succeeded' }]);
    expect(prepare.cacheKey).toMatch(/^sha256:/);
    expect(prepare.cacheMiss?.reason).toBe('no-earlier-run');
    expect(prepare.inputs).toMatchObject([{ name: 'raw', artifact: { type: 'DataSet' } }]);
    expect(prepare.outputs).toMatchObject([{ name: 'train', artifact: { type: 'DataSet' } }]);
    expect(prepare.logs).toEqual([
      { at: null, stream: 'stdout', message: 'prepare read 8 bytes' },
      { at: null, stream: 'stderr', message: 'prepare warning: nothing to worry about' },
    ]);
    expect(e.steps[1]!.outputs).toMatchObject([{ name: 'model', artifact: { type: 'Model' } }]);
    expect(e.step).toEqual({ stepName: 'train', execution: { id: execution.id } });
  });

  it('executions(filter) pages newest first and filters', async () => {
    const result = await data<{
      all: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
      none: { edges: unknown[] };
      mine: { edges: unknown[] };
    }>(`{
      all: executions(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } }
      none: executions(filter: { statuses: [Failed] }) { edges { node { id } } }
      mine: executions(filter: { pipelineName: "small", createdBy: "eddie" }) { edges { node { id } } }
    }`);
    expect(result.all.edges).toHaveLength(1);
    expect(result.all.pageInfo.hasNextPage).toBe(false);
    expect(result.none.edges).toEqual([]);
    expect(result.mine.edges).toHaveLength(1);
  });

  it('stepExecution(id)', async () => {
    const steps = (await h.store.getExecutionWithSteps(execution.id)).steps;
    const result = await data<{ stepExecution: { stepName: string } }>('query($id: ID!) { stepExecution(id: $id) { stepName } }', {
      id: steps[0]!.id,
    });
    expect(result.stepExecution).toEqual({ stepName: 'prepare' });
  });

  it('artifact(id), artifactByUri, artifacts(filter) and search', async () => {
    const result = await data<{
      artifact: { name: string; producer: { stepName: string }; modelPackages: { group: string }[] };
      byUri: { id: string };
      byUriLatest: { id: string };
      models: { edges: { node: { id: string } }[] };
      found: { edges: { node: { id: string } }[] };
    }>(
      `query($id: ID!, $uri: String!, $digest: String) {
        artifact(id: $id) { id uri digest type name size properties createdAt previousVersion { id } producer { stepName } modelPackages { group version } }
        byUri: artifactByUri(uri: $uri, digest: $digest) { id }
        byUriLatest: artifactByUri(uri: $uri) { id }
        models: artifacts(filter: { types: [Model] }) { edges { node { id } } }
        found: search(text: "input") { edges { node { id } } }
      }`,
      { id: model.id, uri: input.uri, digest: input.digest },
    );
    expect(result.artifact).toMatchObject({ producer: { stepName: 'train' }, modelPackages: [{ group: 'small-models' }] });
    expect(result.byUri.id).toBe(input.id);
    expect(result.byUriLatest.id).toBe(input.id);
    expect(result.models.edges.map((e) => e.node.id)).toEqual([model.id]);
    expect(result.found.edges.map((e) => e.node.id)).toContain(input.id);
    expect(input.uri).toContain(INPUT_PATH);
  });

  it('lineage upstream from the model reaches the input dataset, with typed edges', async () => {
    const result = await data<{
      lineage: { nodes: { id: string; type: string; depth: number }[]; edges: { type: string }[]; truncated: boolean };
    }>(
      `query($id: ID!) { lineage(startIds: [$id], direction: UPSTREAM, maxDepth: 10) {
        nodes { id type label depth artifactType uri digest stepType status approvalStatus contextType createdAt }
        edges { from to type }
        truncated
      } }`,
      { id: model.id },
    );
    expect(result.lineage.truncated).toBe(false);
    expect(result.lineage.nodes.find((n) => n.id === input.id)).toMatchObject({ type: 'Artifact', depth: 4 });
    expect(new Set(result.lineage.edges.map((e) => e.type))).toEqual(new Set(['CONSUMED_BY', 'PRODUCED']));
    const datasets = await data<{ lineage: { nodes: { type: string }[] } }>(
      'query($id: ID!) { lineage(startIds: [$id], nodeTypes: [Artifact], artifactTypes: [DataSet]) { nodes { id type artifactType } } }',
      { id: model.id },
    );
    expect(datasets.lineage.nodes).toHaveLength(2);
  });

  it('lineage truncates at nodeLimit instead of running long', async () => {
    const result = await data<{ lineage: { nodes: unknown[]; truncated: boolean } }>(
      'query($id: ID!) { lineage(startIds: [$id], direction: BOTH, nodeLimit: 2) { nodes { id } truncated } }',
      { id: model.id },
    );
    expect(result.lineage).toMatchObject({ truncated: true });
    expect(result.lineage.nodes.length).toBeLessThanOrEqual(2);
  });

  it('provenance(modelId): datasets, paths and the execution with its parameters', async () => {
    const result = await data<{
      provenance: {
        datasets: { artifact: { id: string }; depth: number; paths: { nodeIds: string[] }[] }[];
        executions: { id: string; parameters: unknown }[];
        stepExecutions: unknown[];
      };
    }>(
      `query($id: ID!) { provenance(modelId: $id) {
        model { id }
        datasets { artifact { id name } depth paths { nodeIds edges { type } } }
        code { id }
        stepExecutions { stepName }
        executions { id parameters }
        truncated
      } }`,
      { id: model.id },
    );
    const dataset = result.provenance.datasets.find((d) => d.artifact.id === input.id)!;
    expect(dataset.depth).toBe(4);
    expect(dataset.paths[0]!.nodeIds[0]).toBe(input.id);
    expect(dataset.paths[0]!.nodeIds.at(-1)).toBe(model.id);
    expect(result.provenance.executions).toEqual([{ id: execution.id, parameters: { Epochs: 3, Fail: false } }]);
  });

  it('impact(artifactId): the models and packages downstream of the input', async () => {
    const result = await data<{ impact: { models: { id: string }[]; modelPackages: { group: string; approvalStatus: string }[] } }>(
      'query($id: ID!) { impact(artifactId: $id) { artifact { id } models { id } modelPackages { group approvalStatus } stepExecutions { stepName } truncated } }',
      { id: input.id },
    );
    expect(result.impact.models.map((m) => m.id)).toEqual([model.id]);
    expect(result.impact.modelPackages).toEqual([{ group: 'small-models', approvalStatus: 'PendingManualApproval' }]);
  });

  it('lineagePaths(from, to) follows the arrows', async () => {
    const result = await data<{ lineagePaths: { paths: { nodeIds: string[] }[]; truncated: boolean } }>(
      'query($from: ID!, $to: ID!) { lineagePaths(from: $from, to: $to) { paths { nodeIds edges { from to type } } truncated } }',
      { from: input.id, to: model.id },
    );
    expect(result.lineagePaths.paths).toHaveLength(1);
    expect(result.lineagePaths.paths[0]!.nodeIds).toHaveLength(5);
  });

  it('modelPackages(group) and modelPackage(id) with approval history', async () => {
    const result = await data<{ modelPackages: { edges: { node: { id: string; approvals: { status: string; by: string }[] } }[] } }>(`{
      modelPackages(group: "small-models") { edges { node { id group version approvalStatus description metrics createdAt modelArtifact { id } stepExecution { stepName } approvals { status by at comment } } } }
    }`);
    const pkg = result.modelPackages.edges[0]!.node;
    expect(pkg.approvals).toMatchObject([{ status: 'PendingManualApproval' }]);
    const one = await data<{ modelPackage: { id: string; modelArtifact: { id: string } }; missing: null }>(
      'query($id: ID!) { modelPackage(id: $id) { id modelArtifact { id } } missing: modelPackage(id: "mp_none") { id } }',
      { id: pkg.id },
    );
    expect(one.modelPackage).toEqual({ id: pkg.id, modelArtifact: { id: model.id } });
    expect(one.missing).toBeNull();
  });

  it('returns null for unknown ids rather than an error', async () => {
    expect(await data('{ execution(id: "ex_none") { id } artifact(id: "ar_none") { id } stepExecution(id: "se_none") { id } }')).toEqual({
      execution: null,
      artifact: null,
      stepExecution: null,
    });
  });

  it('refuses a page size above the maximum with INVALID_ARGUMENT naming first', async () => {
    const { body } = await h.gql('{ executions(first: 101) { edges { node { id } } } }', {}, { token: 'viewer' });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT' } });
    expect(body.errors?.[0]?.message).toMatch(/first: must be an integer from 1 to 100/);
  });
});
