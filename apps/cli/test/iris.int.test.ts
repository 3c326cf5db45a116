import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyIrisProject, IRIS_PIPELINE, pedigree, type CliResult } from './run-pedigree.ts';

/*
 * The iris demo through the real binary against a temporary data directory and a private copy of
 * the iris project (so the dataset can be tampered with): run twice (the second reuses every
 * cacheable step), then lineage in each format, impact, provenance, the registry, reports and
 * their verification including tampering.
 */
let project: string;
let dataDir: string;
let first: CliResult;
let second: CliResult;
let modelPackageId: string;
let modelArtifactId: string;
let secondExecutionId: string;

const cli = (...args: string[]) => pedigree(args, { dataDir });

beforeAll(async () => {
  project = await copyIrisProject();
  dataDir = path.join(project, '.pedigree');
  first = await cli('run', IRIS_PIPELINE, '--project-root', project);
  second = await cli('run', IRIS_PIPELINE, '--project-root', project);
  const models = JSON.parse((await cli('models', 'list', '--json')).stdout) as { modelPackages: { id: string; modelArtifactId: string }[] };
  modelPackageId = models.modelPackages[0]!.id;
  modelArtifactId = models.modelPackages[0]!.modelArtifactId;
  secondExecutionId = /Execution (ex_\w+) started/.exec(second.stdout)![1]!;
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('pedigree run (iris, twice)', () => {
  it('runs every step the first time, one plain line per step status', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^✓ PrepareData\s+Succeeded\s+\d+\.\ds\s+ran$/m);
    expect(first.stdout).toMatch(/^✓ TrainModel\s+Succeeded\s+\d+\.\ds\s+ran$/m);
    expect(first.stdout).toMatch(/^- AccuracyTooLow\s+Skipped/m);
    expect(first.stdout).toMatch(/Succeeded in \d+\.\ds: \d+ ran, 0 from cache, 1 skipped$/m);
    expect(first.stdout.includes('\u001b[')).toBe(false); // not a terminal: no cursor movement or colour
  });

  it('serves every cacheable step from the cache the second time, and says so', () => {
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^↺ PrepareData\s+Cached\s+\d+\.\ds\s+cache hit$/m);
    expect(second.stdout).toMatch(/^↺ TrainModel\s+Cached\s+\d+\.\ds\s+cache hit$/m);
    expect(second.stdout).toMatch(/2 from cache, 1 skipped \(fully cached: all 2 cacheable steps reused earlier results\)$/m);
  });

  it('explains the cache hit and the first run’s miss', async () => {
    const hit = JSON.parse((await cli('cache', 'explain', secondExecutionId, 'TrainModel', '--json')).stdout);
    expect(hit).toMatchObject({ cacheHit: true, status: 'Cached' });
    expect(hit.reusedFromExecutionId).toMatch(/^ex_/);
    expect(hit.reusedFromExecutionId).not.toBe(secondExecutionId);
    const text = await cli('cache', 'explain', hit.reusedFromExecutionId, 'TrainModel');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/cache miss: no-earlier-run/);
  });

  it('lists and shows executions', async () => {
    const list = JSON.parse((await cli('executions', 'list', '--json')).stdout);
    expect(list.executions).toHaveLength(2);
    const show = await cli('executions', 'show', secondExecutionId);
    expect(show.stdout).toMatch(/TrainModel\s+training\s+Cached\s+1\s+\S+\s+hit \(reused se_/);
  });

  it('prints step logs', async () => {
    const firstId = JSON.parse((await cli('executions', 'list', '--json')).stdout).executions[1].id;
    const logs = await cli('executions', 'logs', firstId, 'TrainModel');
    expect(logs.code, logs.stderr).toBe(0);
  });
});

describe('pedigree lineage, impact, provenance', () => {
  it('draws the upstream tree of the model down to the raw dataset', async () => {
    const r = await cli('lineage', modelArtifactId, '--direction', 'up');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\[Model\] TrainModel\/model/);
    expect(r.stdout).toMatch(/─ produced by \[Step:training\] TrainModel/);
    expect(r.stdout).toMatch(/─ consumed \[DataSet\] iris\.csv/);
  });

  it('prints JSON with nodes and edges', async () => {
    const r = await cli('lineage', path.join(project, 'data/iris.csv'), '--direction', 'down', '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.direction).toBe('DOWNSTREAM');
    expect(json.nodes.some((n: { id: string }) => n.id === modelArtifactId)).toBe(true);
    expect(json.nodes.some((n: { type: string }) => n.type === 'ModelPackage')).toBe(true);
    expect(json.edges.length).toBeGreaterThan(3);
  });

  it('prints Graphviz DOT and Mermaid', async () => {
    const [dot, mermaid] = await Promise.all([
      cli('lineage', modelArtifactId, '--direction', 'both', '--format', 'dot'),
      cli('lineage', modelArtifactId, '--format', 'mermaid', '--depth', '2'),
    ]);
    expect(dot.stdout).toMatch(/^digraph lineage \{\n {2}rankdir=LR;/);
    expect(dot.stdout).toContain(`"${modelArtifactId}" [label=`);
    expect(dot.stdout.trimEnd()).toMatch(/\}$/);
    expect(mermaid.stdout).toMatch(/^flowchart LR\n/);
    expect(mermaid.stdout).toMatch(/-->\|PRODUCED\|/);
  });

  it('finds the model from the dataset (impact) and the dataset from the model (provenance)', async () => {
    const [impact, provenance] = await Promise.all([
      cli('impact', path.join(project, 'data/iris.csv'), '--json'),
      cli('provenance', modelPackageId, '--json'),
    ]);
    expect(JSON.parse(impact.stdout).models.map((m: { id: string }) => m.id)).toContain(modelArtifactId);
    expect(JSON.parse(impact.stdout).modelPackages.map((m: { id: string }) => m.id)).toContain(modelPackageId);
    expect(JSON.parse(provenance.stdout).datasets.map((d: { artifact: { name: string } }) => d.artifact.name)).toContain('iris.csv');
  });
});

describe('pedigree models, report, verify, diff', () => {
  it('approves with a comment and records the history', async () => {
    const r = await cli('models', 'approve', modelPackageId, '--comment', 'accuracy above the bar', '--json');
    expect(r.code, r.stderr).toBe(0);
    const pkg = JSON.parse(r.stdout);
    expect(pkg.approvalStatus).toBe('Approved');
    expect(pkg.approvals.at(-1)).toMatchObject({ status: 'Approved', by: 'test-user', comment: 'accuracy above the bar' });
  });

  it('writes byte-identical JSON and Markdown reports for the same store state', async () => {
    const a = path.join(project, 'a.json');
    const b = path.join(project, 'b.json');
    const [ra, rb, ma, mb] = await Promise.all([
      cli('report', modelPackageId, '--out', a),
      cli('report', modelPackageId, '--out', b),
      cli('report', modelPackageId, '--format', 'md'),
      cli('report', modelPackageId, '--format', 'md'),
    ]);
    for (const r of [ra, rb, ma, mb]) expect(r.code, r.stderr).toBe(0);
    expect(ra.stdout).toMatch(/^wrote .*a\.json \(json, report sha256 sha256:[0-9a-f]{64}\)$/m);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
    expect(ma.stdout).toBe(mb.stdout);
    expect(ma.stdout).toMatch(/```mermaid\nflowchart LR/);
    expect(ma.stdout).toContain('accuracy above the bar');
  });

  it('writes a self-contained HTML report', async () => {
    const file = path.join(project, 'report.html');
    const r = await cli('report', modelPackageId, '--format', 'html', '--out', file);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('<svg class="lineage"');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=/i);
  });

  it('verifies a report, and catches an edited field and an altered byte of the dataset', async () => {
    const file = path.join(project, 'verify.json');
    await cli('report', modelPackageId, '--out', file);
    const ok = await cli('verify', file, '--project-root', project);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // Code is recorded by the executor as Code artifacts with file:// URIs: re-hashed like datasets.
    expect(ok.stdout).toMatch(/^unchanged\s+Code\s+src\/steps\/train\.ts\s+file:\/\/\S+\/src\/steps\/train\.ts$/m);
    expect(ok.stdout).toMatch(/^report hash: ok/);
    expect(ok.stdout).toMatch(/^unchanged\s+DataSet\s+iris\.csv\s+file:\/\//m);
    // PrepareData's openlineage:// input (the warehouse table) is lineage metadata without bytes: it cannot be re-hashed.
    expect(ok.stdout).toMatch(/^unchecked\s+DataSet\s+analytics\.iris_clean\s+openlineage:\/\//m);
    expect(ok.stdout).toMatch(/ 0 changed, 0 missing, 1 unchecked$/m);

    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.report.registry[0].approvals.at(-1).comment = 'rubber-stamped';
    const edited = path.join(project, 'edited.json');
    await writeFile(edited, JSON.stringify(doc, null, 2));
    const bad = await cli('verify', edited);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^report hash: MISMATCH/);
    expect(bad.stderr.trim()).toBe('error: verification failed: the report was altered');

    const dataset = path.join(project, 'data/iris.csv');
    const original = await readFile(dataset);
    const altered = Buffer.from(original);
    altered[altered.length - 2] = altered[altered.length - 2]! ^ 0x01;
    await writeFile(dataset, altered);
    try {
      const changed = await cli('verify', file, '--json', '--project-root', project);
      expect(changed.code).toBe(1);
      const result = JSON.parse(changed.stdout);
      expect(result.hash.valid).toBe(true);
      const iris = result.artifacts.find((a: { name: string }) => a.name === 'iris.csv');
      expect(iris.status).toBe('changed');
      expect(result.artifacts.filter((a: { status: string }) => a.status === 'changed')).toHaveLength(1);
    } finally {
      await writeFile(dataset, original);
    }
  });

  it('catches a changed step source file', async () => {
    const file = path.join(project, 'code.json');
    await cli('report', modelPackageId, '--out', file);
    const source = path.join(project, 'src/steps/train.ts');
    const original = await readFile(source, 'utf8');
    await writeFile(source, `${original}\n// edited after the run\n`);
    try {
      const r = await cli('verify', file, '--project-root', project);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^CHANGED\s+Code\s+src\/steps\/train\.ts/m);
      expect(r.stderr.trim()).toBe('error: verification failed: 1 artifact(s) changed');
      // The Code artifact's file:// URI is enough: no --project-root is needed to catch the edit.
      const withoutRoot = await cli('verify', file);
      expect(withoutRoot.code).toBe(1);
      expect(withoutRoot.stdout).toMatch(/^CHANGED\s+Code\s+src\/steps\/train\.ts/m);
    } finally {
      await writeFile(source, original);
    }
  });

  it('verifies on a machine without the store: files on disk are checked, store content is unchecked', async () => {
    const file = path.join(project, 'elsewhere.json');
    await cli('report', modelPackageId, '--out', file);
    const elsewhere = path.join(project, 'no-store-here');
    const r = await pedigree(['verify', file], { dataDir: elsewhere });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^unchanged\s+DataSet\s+iris\.csv/m);
    expect(r.stdout).toMatch(/^unchecked\s+Model\s+TrainModel\/model\s+pedigree:\/\//m);
    const strict = await pedigree(['verify', file, '--require-all'], { dataDir: elsewhere });
    expect(strict.code).toBe(1);
    expect(strict.stderr.trim()).toMatch(/^error: verification failed: \d+ artifact\(s\) not verifiable$/);
  });

  it('diffs two models: identical provenance, then a run with another learning rate', async () => {
    const same = await cli('diff', modelPackageId, modelArtifactId);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/identical provenance/);

    const third = await cli('run', IRIS_PIPELINE, '--project-root', project, '--param', 'LearningRate=0.3');
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/^↺ PrepareData\s+Cached/m);
    expect(third.stdout).toMatch(/^✓ TrainModel\s+Succeeded\s+\S+\s+ran$/m);
    const models = JSON.parse((await cli('models', 'list', '--json')).stdout).modelPackages as { id: string }[];
    const newest = models[0]!.id;
    expect(newest).not.toBe(modelPackageId);
    const diff = JSON.parse((await cli('diff', modelPackageId, newest, '--json')).stdout);
    expect(diff.identical).toBe(false);
    expect(diff.parameters).toContainEqual({ key: 'LearningRate', a: '0.5', b: '0.3', change: 'changed' });
    expect(diff.datasets.find((d: { key: string }) => d.key === 'iris.csv').change).toBe('same');
    expect(diff.model.change).toBe('changed');
  });
});

describe('documented error paths that need a store with runs: exit 2, one line, nothing on stdout', () => {
  const refused = async (args: string[], message: RegExp): Promise<void> => {
    const r = await cli(...args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  };
  const steps = /its steps: PrepareData, TrainModel, EvaluateModel, CheckAccuracy, AccuracyTooLow, RegisterModel$/;

  it('an unknown step, in logs and in cache explain, naming the steps there are', async () => {
    await refused(
      ['executions', 'logs', secondExecutionId, 'Train'],
      new RegExp(`^error: execution ${secondExecutionId} has no step Train; ${steps.source}`),
    );
    await refused(
      ['cache', 'explain', secondExecutionId, 'Train'],
      new RegExp(`^error: execution ${secondExecutionId} has no step Train; ${steps.source}`),
    );
  });

  it('an attempt the step never had', async () => {
    await refused(
      ['executions', 'logs', secondExecutionId, 'EvaluateModel', '--attempt', '3'],
      /^error: step EvaluateModel of execution ex_\w+ has only attempt 1; --attempt 3 does not exist$/,
    );
  });

  it('stopping or retrying an execution that has ended', async () => {
    await refused(
      ['executions', 'stop', secondExecutionId],
      new RegExp(`^error: Execution ${secondExecutionId} has already ended \\(Succeeded\\)$`),
    );
    await refused(
      ['executions', 'retry', secondExecutionId],
      /^error: Only a Failed or Stopped execution can be retried; ex_\w+ is Succeeded$/,
    );
  });

  it('a report or diff of an artifact that is not a model', async () => {
    const dataset = path.join(project, 'data', 'iris.csv');
    await refused(
      ['report', dataset],
      /^error: .*iris\.csv \(ar_\w+\) is a DataSet artifact \(iris\.csv\), not a Model: name a model artifact or a model package/,
    );
    await refused(['diff', modelPackageId, dataset], /is a DataSet artifact \(iris\.csv\), not a Model/);
  });

  it('a report written into a directory that does not exist', async () => {
    const out = path.join(project, 'no-such-dir', 'report.json');
    await refused(
      ['report', modelPackageId, '--out', out],
      new RegExp(`^error: cannot write .*report\\.json: no such directory .*no-such-dir$`),
    );
  });
});
