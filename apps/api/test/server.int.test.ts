/**
 * The service over real HTTP, started exactly as `npm start` starts it (node --import tsx apps/api/src/main.ts
 * from the repository root) on a temporary data directory and a free port: the iris demo runs on
 * the empty store, and the lineage of the registered model reaches the iris dataset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDigest, type ExecutionId, type JsonObject } from '@pedigree/domain';
import { createRuntime, loadConfig } from '@pedigree/runtime';
import { gql, startServer, until, type StartedServer } from './spawned-server.ts';

/** As `npm start` on a fresh clone: the demo on (its default); no tokens; a free port. */
const start = (dataDir: string): Promise<StartedServer> => startServer(dataDir);

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pedigree-start-'));
  let server: StartedServer;

  beforeAll(async () => {
    server = await start(dataDir);
  }, 90_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz, /readyz, GraphiQL and a page at /', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ ok: true, store: { adapter: 'sqlite', ok: true } });
    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/graphiql/i);
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('runs the iris demo on the empty store; the registered model’s lineage reaches the iris dataset', async () => {
    const execution = await until('the demo execution to end', async () => {
      const data = await gql<{ executions: { edges: { node: { id: string; status: string; createdBy: string } }[] } }>(
        server.url,
        '{ executions(first: 5) { edges { node { id status createdBy } } } }',
      );
      const node = data.executions.edges[0]?.node;
      return node && node.status !== 'Executing' ? node : null;
    });
    expect(execution).toMatchObject({ status: 'Succeeded', createdBy: 'demo' });

    const packages = await gql<{ modelPackages: { edges: { node: { group: string; modelArtifact: { id: string } } }[] } }>(
      server.url,
      '{ modelPackages { edges { node { group approvalStatus modelArtifact { id } } } } }',
    );
    const model = packages.modelPackages.edges[0]!.node.modelArtifact;
    const lineage = await gql<{ lineage: { nodes: { type: string; artifactType: string | null; uri: string | null }[] } }>(
      server.url,
      'query($id: ID!) { lineage(startIds: [$id], direction: UPSTREAM, nodeTypes: [Artifact], artifactTypes: [DataSet]) { nodes { type artifactType uri } } }',
      { id: model.id },
    );
    expect(lineage.lineage.nodes.some((n) => /iris\.csv$/.test(n.uri ?? ''))).toBe(true);
    const provenance = await gql<{ provenance: { datasets: { artifact: { name: string } }[] } }>(
      server.url,
      'query($id: ID!) { provenance(modelId: $id) { datasets { artifact { name } } } }',
      { id: model.id },
    );
    expect(provenance.provenance.datasets.map((d) => d.artifact.name)).toContain('iris.csv');
    // The demo ingested its upstream's OpenLineage events first: through PrepareData's openlineage://
    // input, provenance walks into the dbt and Spark runs to the warehouse tables and the landed CSV.
    expect(provenance.provenance.datasets.map((d) => d.artifact.name)).toEqual(
      expect.arrayContaining(['analytics.iris_clean', 'raw.iris_measurements', 'iris/iris.csv']),
    );
    const runs = await gql<{ lineage: { nodes: { type: string; label: string }[] } }>(
      server.url,
      'query($id: ID!) { lineage(startIds: [$id], direction: UPSTREAM) { nodes { type label } } }',
      { id: model.id },
    );
    expect(runs.lineage.nodes.filter((n) => n.type === 'OpenLineageRun').length).toBeGreaterThanOrEqual(2);
    // And provenance names those external jobs: the dbt model nearer the model than the Spark load, both
    // complete, each a task of the Airflow DAG run (its parent run facet).
    const external = await gql<{
      provenance: { openLineageRuns: { job: { namespace: string; name: string }; state: string; parent: { job: { name: string } } }[] };
    }>(
      server.url,
      'query($id: ID!) { provenance(modelId: $id) { openLineageRuns { job { namespace name } state parent { job { name } } } } }',
      { id: model.id },
    );
    expect(external.provenance.openLineageRuns).toEqual([
      {
        job: { namespace: 'dbt', name: 'iris_analytics.model.iris_analytics.iris_clean' },
        state: 'COMPLETE',
        parent: { job: { name: 'iris_warehouse.dbt_run' } },
      },
      {
        job: {
          namespace: 'spark://spark-master.internal:7077',
          name: 'iris_loader.execute_insert_into_hadoop_fs_relation_command.raw_iris_measurements',
        },
        state: 'COMPLETE',
        parent: { job: { name: 'iris_warehouse.load_raw' } },
      },
    ]);
  }, 90_000);

  it('logs JSON lines with request ids and stops gracefully on SIGTERM; a restart does not run the demo again', async () => {
    expect(server.lines.some((l) => typeof l['requestId'] === 'string' && l['path'] === '/graphql')).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines.some((l) => l['msg'] === 'stopped')).toBe(true);

    server = await start(dataDir);
    const data = await gql<{ executions: { edges: unknown[] } }>(server.url, '{ executions { edges { node { id } } } }');
    expect(data.executions.edges).toHaveLength(1);
    expect(server.lines.some((l) => l['msg'] === 'empty store: started the demo pipeline')).toBe(false);
  }, 90_000);

  it('serves at once after a restart and fails an execution left running whose definition no longer parses', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // What an older release (or a hand edit) could leave behind: an execution still Executing on a
    // pipeline version whose stored definition is not valid any more.
    const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dataDir, PEDIGREE_DEMO: 'false' }));
    let leftOver: ExecutionId;
    try {
      const broken = { schemaVersion: '1', name: 'broken', steps: 'not a list' } as unknown as JsonObject;
      const { version } = await runtime.store.upsertPipelineVersion({
        pipelineName: 'broken',
        definition: broken,
        definitionHash: canonicalDigest(broken),
      });
      leftOver = (await runtime.store.createExecution({ pipelineVersionId: version.id, parameters: {} })).id;
    } finally {
      await runtime.close();
    }

    server = await start(dataDir);
    const ended = await until('the left-over execution to end', async () => {
      const data = await gql<{ execution: { status: string; failureReason: string | null } }>(
        server.url,
        'query($id: ID!) { execution(id: $id) { status failureReason } }',
        { id: leftOver },
      );
      return data.execution.status === 'Executing' ? null : data.execution;
    });
    expect(ended.status).toBe('Failed');
    expect(ended.failureReason).toMatch(/^cannot resume: the stored pipeline definition is invalid/);
    // The store's other executions are still served.
    const all = await gql<{ executions: { edges: unknown[] } }>(server.url, '{ executions { edges { node { id } } } }');
    expect(all.executions.edges).toHaveLength(2);
  }, 90_000);
});
