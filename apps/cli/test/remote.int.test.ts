import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApiServer, type ApiServer } from './api-server.ts';
import { BIN, CLI_ROOT, IRIS_PIPELINE, pedigree, REPO_ROOT, type CliResult } from './run-pedigree.ts';

/*
 * `pedigree --server URL --token T` through the real binary against a real server (started as
 * `npm start` starts it, on a temp data directory, a free port and a token file with a viewer and
 * an editor token): the iris pipeline upserted and started remotely, executions, lineage in every
 * format, the registry with roles enforced, reports, logs --follow, and the error paths.
 */
const TOKENS = { viewer: 'viewer-token-0123456789', editor: 'editor-token-0123456789' } as const;

let work: string;
let server: ApiServer;
let started: CliResult;
let executionId: string;
let modelPackageId: string;
let modelArtifactId: string;

const as = (role: keyof typeof TOKENS | null, ...args: string[]): Promise<CliResult> =>
  pedigree(['--server', server.url, ...(role ? ['--token', TOKENS[role]] : []), ...args]);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-remote-'));
  const tokensFile = path.join(work, 'tokens.json');
  await writeFile(
    tokensFile,
    JSON.stringify([
      { name: 'vera', role: 'viewer', token: TOKENS.viewer },
      { name: 'eddie', role: 'editor', token: TOKENS.editor },
    ]),
  );
  server = await startApiServer({
    dataDir: path.join(work, 'server-data'),
    tokensFile,
    projectRoot: path.join(REPO_ROOT, 'examples/iris'),
  });
  // The iris data's upstream (an Airflow DAG, a Spark load, a dbt model) as `npm start` ingests it
  // before the demo run: PrepareData's openlineage:// input then links to the dbt model's output.
  const upstream = path.join(REPO_ROOT, 'examples/iris/openlineage');
  for (const file of (await readdir(upstream)).filter((f) => f.endsWith('.json')).sort()) {
    const response = await fetch(`${server.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.editor}` },
      body: await readFile(path.join(upstream, file), 'utf8'),
    });
    if (response.status !== 200 && response.status !== 201) throw new Error(`${file}: ${response.status} ${await response.text()}`);
  }
  const upserted = await as('editor', 'upsert', IRIS_PIPELINE);
  if (upserted.code !== 0) throw new Error(`upsert failed: ${upserted.stderr}`);
  started = await as('editor', 'start', 'iris');
  executionId = /^Execution (ex_\w+) started on /m.exec(started.stdout)?.[1] ?? '';
  const models = JSON.parse((await as('viewer', 'models', 'list', '--json')).stdout) as {
    modelPackages: { id: string; modelArtifactId: string }[];
  };
  modelPackageId = models.modelPackages[0]!.id;
  modelArtifactId = models.modelPackages[0]!.modelArtifactId;
});

afterAll(async () => {
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

/** Every key path of a JSON value (array items merged as `[]`): its shape without its values. */
function shape(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) shape(item, `${prefix}[]`, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(`${prefix}.${k}`);
      // Free-form JSON (parameters, arguments, properties, metrics) has the pipeline's keys, not the CLI's.
      if (!['parameters', 'resolvedArguments', 'properties', 'metrics'].includes(k)) shape(v, `${prefix}.${k}`, out);
    }
  }
  return out;
}

describe('upsert and start on the server', () => {
  it('stores the pipeline once: the same definition again is the same version', async () => {
    const again = await as('editor', 'upsert', IRIS_PIPELINE);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^unchanged: pipeline iris version 1 \(pv_\w+, sha256:[0-9a-f]{64}\)$/m);
  });

  it('starts iris on the server and follows it live to the end, one line per step', () => {
    expect(started.code, started.stderr).toBe(0);
    expect(executionId).toMatch(/^ex_/);
    expect(started.stdout).toMatch(/^✓ TrainModel\s+Succeeded\s+\d+\.\ds\s+ran$/m);
    expect(started.stdout).toMatch(/^- AccuracyTooLow\s+Skipped/m);
    expect(started.stdout).toMatch(new RegExp(`^Execution ${executionId} Succeeded in \\S+: 5 ran, 0 from cache, 1 skipped$`, 'm'));
  });

  it('starts it again and shows the cacheable steps served from the cache', async () => {
    const second = await as('editor', 'start', 'iris');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^↺ TrainModel\s+Cached\s+\S+\s+cache hit$/m);
    expect(second.stdout).toMatch(/from cache, 1 skipped \(fully cached: all 2 cacheable steps reused earlier results\)$/m);
  });

  it('refuses an unknown parameter with its path, exit 2', async () => {
    const r = await as('editor', 'start', 'iris', '--param', 'Nope=1');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: input\.parameters\.Nope: unknown parameter; the pipeline declares /);
  });
});

describe('executions on the server', () => {
  it('shows an execution with --json in the same shape as a local run', async () => {
    const remote = await as('viewer', 'executions', 'show', executionId, '--json');
    expect(remote.code, remote.stderr).toBe(0);
    const view = JSON.parse(remote.stdout) as { execution: { id: string; status: string; createdBy: string }; steps: unknown[] };
    expect(view.execution).toMatchObject({ id: executionId, status: 'Succeeded', createdBy: 'eddie' });
    expect(view.steps).toHaveLength(6);

    const dataDir = path.join(work, 'local-data');
    const local = await pedigree(['run', IRIS_PIPELINE, '--json'], { dataDir });
    expect(local.code, local.stderr).toBe(0);
    const localId = (JSON.parse(local.stdout) as { execution: { id: string } }).execution.id;
    const localShow = await pedigree(['executions', 'show', localId, '--json'], { dataDir });
    expect([...shape(view)].sort()).toEqual([...shape(JSON.parse(localShow.stdout))].sort());
    expect(shape(view)).toContain('.steps[].cacheMiss.differingFields');
  });

  it('lists executions newest first, as a table and as JSON', async () => {
    const table = await as('viewer', 'executions', 'list', '--pipeline', 'iris');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+PIPELINE\s+STATUS\s+STARTED\s+DURATION\s+BY$/);
    const list = JSON.parse((await as('viewer', 'executions', 'list', '--json', '--limit', '1')).stdout) as {
      executions: { pipelineName: string }[];
      hasNextPage: boolean;
    };
    expect(list.executions).toHaveLength(1);
    expect(list.hasNextPage).toBe(true);
  });

  it('explains the cache and names an unknown execution in one line, exit 2', async () => {
    const explain = await as('viewer', 'cache', 'explain', executionId, 'TrainModel');
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/cache miss: no-earlier-run/);
    const unknown = await as('viewer', 'executions', 'show', 'ex_0000');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: no execution with id ex_0000\n');
  });

  it('follows a running step’s output with logs --follow until the execution is stopped', async () => {
    expect((await as('editor', 'upsert', path.join(CLI_ROOT, 'test/fixtures/slow-pipeline.ts'))).code).toBe(0);
    const child = spawn(process.execPath, [BIN, '--server', server.url, '--token', TOKENS.editor, 'start', 'slow'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Generous: the step is shown running within seconds unless the display missed it.
    const deadline = Date.now() + 60_000;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (/Sleep\s+Executing/.test(stdout)) resolve();
        else if (Date.now() > deadline) reject(new Error(`the running step was never shown; stdout: ${stdout}`));
        else setTimeout(check, 100);
      };
      check();
    });
    const id = /Execution (ex_\w+) started/.exec(stdout)![1]!;
    const follow = as('viewer', 'executions', 'logs', id, 'Sleep', '--follow');
    await new Promise((r) => setTimeout(r, 1500));
    const stopped = await as('editor', 'executions', 'stop', id);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`^${id}  slow  Stopped  `));
    expect(await exited).toBe(1);
    expect(stdout).toMatch(/^■ Sleep\s+Stopped/m);
    const followed = await follow;
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toBe('sleeping\n');
  });
});

describe('Ctrl-C on a remote start', () => {
  it('stops the execution on the server and exits 1 once it has ended', async () => {
    expect((await as('editor', 'upsert', path.join(CLI_ROOT, 'test/fixtures/slow-pipeline.ts'))).code).toBe(0);
    const child = spawn(process.execPath, [BIN, '--server', server.url, '--token', TOKENS.editor, 'start', 'slow'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!/Sleep\s+Executing/.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`the running step was never shown; stdout: ${stdout}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    expect(await exited, stdout + stderr).toBe(1);
    const id = /Execution (ex_\w+) started/.exec(stdout)![1]!;
    expect(stderr).toContain(`stopping execution ${id} on the server (Ctrl-C again to exit at once)\n`);
    expect(stderr).toMatch(new RegExp(`^error: execution ${id} Stopped`, 'm'));
    expect(stdout).toMatch(/^■ Sleep\s+Stopped/m);
    const show = JSON.parse((await as('viewer', 'executions', 'show', id, '--json')).stdout) as { execution: { status: string } };
    expect(show.execution.status).toBe('Stopped');
  });
});

describe('lineage on the server', () => {
  it('draws the upstream tree of the model down to the raw dataset', async () => {
    const r = await as('viewer', 'lineage', modelArtifactId);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\[Model\] TrainModel\/model/);
    expect(r.stdout).toMatch(/─ produced by \[Step:training\] TrainModel/);
    expect(r.stdout).toMatch(/─ consumed \[DataSet\] iris\.csv/);
  });

  it('prints JSON, DOT and Mermaid, and finds the dataset by its local path', async () => {
    const json = await as('viewer', 'lineage', modelArtifactId, '--format', 'json');
    expect(json.code, json.stderr).toBe(0);
    const graph = JSON.parse(json.stdout) as {
      startId: string;
      direction: string;
      nodes: { label: string; uri?: string }[];
      edges: unknown[];
    };
    expect(graph).toMatchObject({ startId: modelArtifactId, direction: 'UPSTREAM', truncated: false });
    expect(graph.nodes.find((n) => n.label === 'iris.csv')?.uri).toMatch(/^file:\/\/.*\/examples\/iris\/data\/iris\.csv$/);
    // Fields a node does not have are left out, as locally (not sent as null).
    expect(graph.nodes.every((n) => !Object.values(n as Record<string, unknown>).includes(null))).toBe(true);
    const dot = await as('viewer', 'lineage', modelArtifactId, '--format', 'dot');
    expect(dot.stdout).toMatch(/^digraph lineage \{/);
    expect(dot.stdout).toContain('-> ');
    const mermaid = await as('viewer', 'lineage', modelArtifactId, '--format', 'mermaid');
    expect(mermaid.stdout).toMatch(/^flowchart LR\n/);
    const down = await as('viewer', 'lineage', path.join(REPO_ROOT, 'examples/iris/data/iris.csv'), '--direction', 'down');
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toMatch(/\[Model\] TrainModel\/model/);
  });

  it('finds the model from the dataset (impact) and the dataset from the model (provenance)', async () => {
    const impact = await as('viewer', 'impact', path.join(REPO_ROOT, 'examples/iris/data/iris.csv'), '--json');
    expect(impact.code, impact.stderr).toBe(0);
    expect((JSON.parse(impact.stdout) as { models: { id: string }[] }).models.map((m) => m.id)).toContain(modelArtifactId);
    const provenance = await as('viewer', 'provenance', modelPackageId);
    expect(provenance.code, provenance.stderr).toBe(0);
    expect(provenance.stdout).toMatch(/via iris\.csv → PrepareData → PrepareData\/train → TrainModel → TrainModel\/model/);
    // Through PrepareData's openlineage:// input into the external jobs: the dbt model, then the Spark load.
    expect(provenance.stdout).toMatch(/via raw\.iris_measurements → .*analytics\.iris_clean → PrepareData/);
    expect(provenance.stdout).toMatch(
      /External job runs, from OpenLineage \(2\), nearest first:\nJOB\s+NAMESPACE\s+STATE\s+RUN\niris_analytics\.model\.iris_analytics\.iris_clean\s+dbt\s+COMPLETE\s+0193f2a0-9a20-7e45-b162-5fad4a8ebc05\niris_loader\.\S+\s+spark:\/\/spark-master\.internal:7077\s+COMPLETE\s+0193f2a0-8d10-7c23-9f40-3d8b2e6c9a03\n/,
    );
    const json = await as('viewer', 'provenance', modelPackageId, '--json');
    const runs = (JSON.parse(json.stdout) as { openLineageRuns: Record<string, unknown>[] }).openLineageRuns;
    expect(runs.map((r) => [r['runId'], r['state'], r['parentRunId'], r['eventCount']])).toEqual([
      ['0193f2a0-9a20-7e45-b162-5fad4a8ebc05', 'COMPLETE', '0193f2a0-9a00-7d34-a051-4e9c3f7dab04', 2],
      ['0193f2a0-8d10-7c23-9f40-3d8b2e6c9a03', 'COMPLETE', '0193f2a0-8c05-7b12-8e3f-2c7a1d5b8f02', 2],
    ]);
    // The job facets the dbt events sent (the model's SQL among them), as sent.
    expect(Object.keys(runs[0]!['jobFacets'] as object).sort()).toEqual(['jobType', 'sql']);
    expect((runs[0]!['jobFacets'] as { sql: { query: string } }).sql.query).toMatch(/iris_measurements/);
    // The fields the local command prints (the store's OpenLineageRun), no more and no fewer.
    expect(Object.keys(runs[0]!).sort()).toEqual(
      [
        'datasetFacets',
        'endedAt',
        'eventCount',
        'facets',
        'id',
        'job',
        'jobFacets',
        'parentRunId',
        'producers',
        'runId',
        'startedAt',
        'state',
      ].sort(),
    );
  });

  it('names an unknown node in one line, exit 2', async () => {
    const r = await as('viewer', 'lineage', 'ar_0000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: no lineage node with id ar_0000\n');
  });
});

describe('the registry and reports on the server', () => {
  it('refuses an approval with a viewer token, naming the role needed (exit 2), and approves with an editor token', async () => {
    const refused = await as('viewer', 'models', 'approve', modelPackageId, '--comment', 'ok');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('error: permission denied (403): this operation requires the editor role; vera has viewer\n');
    expect(refused.stdout).toBe('');
    const approved = await as('editor', 'models', 'approve', modelPackageId, '--comment', 'accuracy ok', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    const pkg = JSON.parse(approved.stdout) as { approvalStatus: string; approvals: { status: string; by: string; comment: string }[] };
    expect(pkg.approvalStatus).toBe('Approved');
    expect(pkg.approvals.at(-1)).toMatchObject({ status: 'Approved', by: 'eddie', comment: 'accuracy ok' });
  });

  it('writes the server’s report, which verifies locally (with a note that verify runs here)', async () => {
    const file = path.join(work, 'report.json');
    const r = await as('viewer', 'report', modelPackageId, '--out', file);
    expect(r.code, r.stderr).toBe(0);
    const document = JSON.parse(await readFile(file, 'utf8')) as { sha256: string; report: { subject: { modelPackageId: string } } };
    expect(r.stdout).toBe(`wrote ${file} (json, report sha256 ${document.sha256})\n`);
    expect(document.report.subject.modelPackageId).toBe(modelPackageId);
    const verified = await pedigree(['--server', server.url, 'verify', file], { dataDir: path.join(work, 'nothing-here') });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^report hash: ok/);
    expect(verified.stderr).toBe(
      `note: pedigree verify runs locally, not on ${server.url}: it re-hashes the files on this machine (and the local artifact store, if any)\n`,
    );
    const html = await as('viewer', 'report', modelArtifactId, '--format', 'html');
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/i);
  });

  it('diffs a model with itself: identical provenance', async () => {
    const r = await as('viewer', 'diff', modelPackageId, modelArtifactId);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^identical provenance/m);
  });
});

describe('server errors', () => {
  it('says when the server cannot be reached, exit 1', async () => {
    const port = await freePort();
    const r = await pedigree(['--server', `http://127.0.0.1:${port}`, 'models', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot reach the Pedigree server at http://127.0.0.1:${port}: connection refused (is it running? check --server or PEDIGREE_SERVER)\n`,
    );
  });

  it('says a token is needed, or not valid (401), exit 2; PEDIGREE_SERVER and PEDIGREE_TOKEN work like the options', async () => {
    const none = await pedigree(['models', 'list'], { env: { PEDIGREE_SERVER: server.url } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: the server at http:\/\/127\.0\.0\.1:\d+ refused the request \(401\): an API token is required/);
    expect(none.stderr).toMatch(/pass --token or set PEDIGREE_TOKEN to a valid API token\n$/);
    const wrong = await pedigree(['models', 'list'], { env: { PEDIGREE_SERVER: server.url, PEDIGREE_TOKEN: 'not-a-token' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/refused the request \(401\): the API token is not valid/);
    const ok = await pedigree(['models', 'list'], { env: { PEDIGREE_SERVER: server.url, PEDIGREE_TOKEN: TOKENS.viewer } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/iris-classifier/);
  });
});
