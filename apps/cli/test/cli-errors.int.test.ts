import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, IRIS_PIPELINE, pedigree } from './run-pedigree.ts';

/*
 * Every documented error path of docs/cli.md: exit code 2 for bad usage or input, exactly one line
 * on stderr, nothing on stdout and no stack trace. Runs against an empty data directory.
 */
let dataDir: string;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pedigree-cli-errors-'));
  dataDir = path.join(work, 'data');
  await writeFile(path.join(work, 'not-a-report.json'), '{"hello": "world"}');
  await writeFile(path.join(work, 'broken.json'), '{"schemaVersion": "1", "name": "x", ');
  await writeFile(path.join(work, 'report.md'), '# Audit report: iris-classifier v1\n');
  await writeFile(path.join(work, 'package.json'), '{"type": "module"}\n');
  await writeFile(path.join(work, 'no-pipeline.ts'), 'export const answer = 42;\n');
  // A store with one pipeline in it, so that unknown ids are looked up in a real store.
  const seeded = await pedigree(['upsert', path.join(CLI_ROOT, 'test/fixtures/flaky-pipeline.ts')], { dataDir, cwd: work });
  if (seeded.code !== 0) throw new Error(`seeding the store failed: ${seeded.stderr}`);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const cases: [string, string[], RegExp][] = [
  ['an unknown command', ['bogus'], /unknown command 'bogus'/],
  ['an unknown option', ['models', 'list', '--colour'], /unknown option '--colour'/],
  ['a missing argument', ['lineage'], /missing required argument 'artifact'/],
  ['a value outside the choices, naming them', ['lineage', 'ar_x', '--direction', 'sideways'], /Allowed choices are up, down, both/],
  ['an unknown report format', ['report', 'ar_x', '--format', 'pdf'], /Allowed choices are json, md, html/],
  ['a depth beyond the cap', ['lineage', 'ar_x', '--depth', '99'], /--depth expects an integer from 0 to 50/],
  ['a node limit beyond the cap', ['lineage', 'ar_x', '--limit', '20000'], /--limit expects an integer from 1 to 10000, got "20000"/],
  ['a list limit beyond the cap', ['executions', 'list', '--limit', '5000'], /--limit expects an integer from 1 to 1000, got "5000"/],
  ['a malformed --param', ['run', IRIS_PIPELINE, '--param', 'Epochs'], /--param expects Name=Value/],
  [
    'an unknown parameter',
    ['run', IRIS_PIPELINE, '--param', 'Nope=1'],
    /parameters\.Nope: unknown parameter; the pipeline declares TestFraction/,
  ],
  ['a mistyped parameter', ['run', IRIS_PIPELINE, '--param', 'Epochs=many'], /parameters\.Epochs: expected an integer/],
  ['a missing pipeline file', ['run', 'nope.ts'], /no such file: nope\.ts/],
  ['a directory given as the pipeline file', ['run', 'WORKDIR'], /pedigree-cli-errors-\w+ is a directory: name a pipeline module/],
  ['a missing file to validate', ['validate', 'nope.ts'], /no such file: nope\.ts/],
  ['a module without a pipeline', ['run', 'NOPIPE'], /exports no pipeline/],
  ['an unknown artifact', ['lineage', 'ar_0000'], /no lineage node with id ar_0000/],
  ['an unknown URI', ['impact', 'file:///nowhere/data.csv'], /no artifact with id or URI file:\/\/\/nowhere\/data\.csv/],
  ['an unknown model package', ['report', 'mp_0000'], /no model package with id mp_0000/],
  ['an unknown execution', ['executions', 'show', 'ex_0000'], /no execution with id ex_0000/],
  ['an unknown pipeline', ['start', 'nopipe'], /no pipeline named nopipe; stored pipelines: flaky$/],
  ['a reject without a comment', ['models', 'reject', 'mp_0000'], /reject needs --comment/],
  ['approving an unknown package', ['models', 'approve', 'mp_0000'], /no model package with id mp_0000/],
  ['a cache invalidation without a scope', ['cache', 'invalidate'], /give exactly one scope/],
  ['a missing report file', ['verify', 'missing.json'], /cannot read missing\.json: no such file/],
  ['a file that is not a report', ['verify', 'NOTREPORT'], /invalid audit report/],
  [
    'a Markdown report given to verify',
    ['verify', 'MDREPORT'],
    /report\.md is not a JSON audit report \(a report’s Markdown and HTML forms are for reading\): verify checks the document `pedigree report --format json` writes$/,
  ],
  ['a directory given as the report', ['verify', 'WORKDIR'], /cannot read .*: it is a directory, not a report\.json$/],
  ['a definition that is not JSON', ['upsert', 'BROKEN'], /malformed JSON at line 1/],
  [
    'a data directory without a store',
    ['models', 'list', '--data-dir', 'EMPTYDIR'],
    /no Pedigree data in .*empty \(pass --data-dir or set PEDIGREE_DATA_DIR/,
  ],
  [
    'a data directory that is a file',
    ['models', 'list', '--data-dir', 'NOTREPORT'],
    /--data-dir .*not-a-report\.json is a file, not a directory$/,
  ],
  [
    'a --server that is not an http(s) URL',
    ['--server', 'localhost:4000', 'models', 'list'],
    /--server expects an http:\/\/ or https:\/\/ URL/,
  ],
  ['a --token without a server', ['--token', 'secret', 'models', 'list'], /--token needs --server URL/],
  // Options that only apply to a local store are refused before anything is sent (no server listens on port 9).
  [
    '--attempt with --server',
    ['--server', 'http://127.0.0.1:9', 'executions', 'logs', 'ex_0000', 'Train', '--attempt', '2'],
    /--attempt is not available with --server/,
  ],
  [
    '--by with --server',
    ['--server', 'http://127.0.0.1:9', 'models', 'approve', 'mp_0000', '--by', 'bob'],
    /--by does not apply with --server/,
  ],
  [
    '--project-root with a remote start',
    ['--server', 'http://127.0.0.1:9', 'start', 'flaky', '--project-root', '.'],
    /--project-root does not apply with --server/,
  ],
  ['an unknown pipeline to list', ['executions', 'list', '--pipeline', 'nopipe'], /no pipeline named nopipe; stored pipelines: flaky$/],
  [
    'an unknown pipeline to invalidate',
    ['cache', 'invalidate', '--pipeline', 'nopipe'],
    /no pipeline named nopipe; stored pipelines: flaky$/,
  ],
  [
    'a --server together with --data-dir',
    ['--server', 'http://127.0.0.1:9', '--data-dir', 'EMPTYDIR', 'models', 'list'],
    /--data-dir names a local store but --server http:\/\/127\.0\.0\.1:9 was given too/,
  ],
  ['a bad configuration variable', ['models', 'list', '--env-store-bogus'], /PEDIGREE_STORE: must be sqlite or neo4j/],
];

/** Arguments that stand for paths inside the per-run work directory. */
const PLACEHOLDERS: Record<string, () => string> = {
  NOPIPE: () => path.join(work, 'no-pipeline.ts'),
  NOTREPORT: () => path.join(work, 'not-a-report.json'),
  BROKEN: () => path.join(work, 'broken.json'),
  EMPTYDIR: () => path.join(work, 'empty'),
  WORKDIR: () => work,
  MDREPORT: () => path.join(work, 'report.md'),
};

describe.concurrent('documented error paths exit 2 with one line and no stack trace', () => {
  for (const [what, rawArgs, message] of cases) {
    it(`rejects ${what}`, async () => {
      let env: Record<string, string> = {};
      const args = rawArgs
        .map((a) => PLACEHOLDERS[a]?.() ?? a)
        .filter((a) => {
          if (a !== '--env-store-bogus') return true;
          env = { PEDIGREE_STORE: 'bogus' };
          return false;
        });
      const result = await pedigree(args, { dataDir, env, cwd: work });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0], result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    });
  }

  it('says in one line, exit 1, when the store cannot be reached (Neo4j refusing connections)', async () => {
    const env = { PEDIGREE_STORE: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'x' };
    const result = await pedigree(['models', 'list'], { env, cwd: work });
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Neo4j is unavailable.*ECONNREFUSED 127\.0\.0\.1:9/);
    expect(result.stdout).toBe('');
  });

  it('shows a stack trace only with --verbose', async () => {
    const result = await pedigree(['--verbose', 'executions', 'show', 'ex_0000'], { dataDir, cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: no execution with id ex_0000/);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('prints help through the real binary and exits 0', async () => {
    const result = await pedigree(['lineage', '--help'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--format <format>.*\n[\s\S]*Examples:\n {2}\$ pedigree lineage/);
  });
});
