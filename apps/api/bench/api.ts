/**
 * `npm run bench:api [-- --json] [--artifacts N] [--duration S] [--connections N] [--cpu-prof DIR]`
 *
 * 1. Builds the lineage benchmark's synthetic graph (default 100,000 artifacts) by running
 *    `npm run bench:lineage -- --keep` and takes over its database file as a data directory.
 * 2. Starts the real service (`tsx apps/api/src/main.ts`, demo off) on that data directory in a
 *    child process, and a plain node:http server in this process that calls the same store method
 *    (`traverse`, UPSTREAM, depth 10) and returns JSON: the floor for any API over the store.
 * 3. Measures both with autocannon (same start ids, same connections and duration) and samples the
 *    service's resident memory while it is under load.
 *
 * Prints both figures and their ratio (`--json`: one JSON object with graphqlRps, rawRps,
 * graphqlP99Ms, rawP99Ms, serverRssMb, ...). Targets: GraphQL throughput >= 0.66x raw; the API
 * process below 500 MB resident. The exit code is 0 either way, 1 on a crash.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRuntime, createSilentLogger, loadConfig } from '@pedigree/runtime';
import autocannon from 'autocannon';

const TARGETS = { ratio: 0.66, serverRssMb: 500 } as const;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    artifacts: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    // Writes V8 CPU profiles of the API process (node --cpu-prof) into this directory.
    'cpu-prof': { type: 'string' },
  },
});
const log = (message: string): void => {
  if (!values.json) process.stderr.write(`${message}\n`);
};

const QUERY = `query Upstream($id: ID!) {
  lineage(startIds: [$id], direction: UPSTREAM, maxDepth: 10) { truncated nodes { id type label depth } edges { from to type } }
}`;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'pedigree-bench-api-'));
  const dataDir = path.join(work, 'data');
  try {
    log(`building the ${values.artifacts}-artifact lineage graph (npm run bench:lineage -- --keep) ...`);
    const built = spawnSync(
      'npm',
      ['run', '--silent', 'bench:lineage', '--', '--json', '--keep', '--samples', '1', '--artifacts', values.artifacts, '--tmp', work],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const line = built.stdout.trim().split('\n').at(-1) ?? '';
    if (built.status !== 0 || !line.startsWith('{')) throw new Error(`bench:lineage failed: ${built.stderr}`);
    const graph = JSON.parse(line) as { file: string; artifacts: number; totalEdges: number };
    const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: createSilentLogger() });
    await runtime.close();
    // Take the graph over as the store of a data directory (after the runtime created its layout).
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(dataDir, `pedigree.db${suffix}`), { force: true });
    copyFileSync(graph.file, path.join(dataDir, 'pedigree.db'));
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(`${graph.file}${suffix}`)) copyFileSync(`${graph.file}${suffix}`, path.join(dataDir, `pedigree.db${suffix}`));

    const store = (await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: createSilentLogger() }))
      .store;
    const models = (await store.listArtifacts({ types: ['Model'], first: 200 })).items.map((a) => a.id);
    if (models.length === 0) throw new Error('the graph has no models');

    await store.close();
    // Both servers run in processes of their own, started the same way; this process only drives the load.
    const raw = await startChild('apps/api/bench/raw-server.ts', dataDir, '/');
    const api = await startChild('apps/api/src/main.ts', dataDir, '/readyz', values['cpu-prof']).catch(async (error: unknown) => {
      await raw.stop(); // not left running when the service fails to start
      throw error;
    });
    try {
      const graphqlBody = (id: string): string => JSON.stringify({ query: QUERY, variables: { id } });
      const rawBody = (id: string): string => JSON.stringify({ id });
      // Warm both (JIT, SQLite page caches) before measuring, then measure each in turn.
      log('warming up ...');
      await load(`${api.url}/graphql`, models, graphqlBody, null, 3);
      await load(`${raw.url}/lineage`, models, rawBody, null, 3);
      log('measuring ...');
      const graphql = await load(`${api.url}/graphql`, models, graphqlBody, api.pid);
      const rawResult = await load(`${raw.url}/lineage`, models, rawBody, raw.pid);
      const result = {
        artifacts: graph.artifacts,
        edges: graph.totalEdges,
        connections: Number(values.connections),
        durationSeconds: Number(values.duration),
        graphqlRps: graphql.rps,
        rawRps: rawResult.rps,
        ratio: graphql.rps / rawResult.rps,
        graphqlP50Ms: graphql.p50,
        graphqlP99Ms: graphql.p99,
        rawP50Ms: rawResult.p50,
        rawP99Ms: rawResult.p99,
        graphqlErrors: graphql.errors,
        serverRssMb: graphql.maxRssMb,
        rawServerRssMb: rawResult.maxRssMb,
        targets: TARGETS,
        meetsTargets: graphql.rps / rawResult.rps >= TARGETS.ratio && graphql.maxRssMb < TARGETS.serverRssMb,
      };
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(
          [
            `graph: ${result.artifacts} artifacts, ${result.edges} edges; ${result.connections} connections for ${result.durationSeconds} s each`,
            `GraphQL lineage (upstream, depth 10): ${result.graphqlRps.toFixed(0)} req/s, p50 ${result.graphqlP50Ms} ms, p99 ${result.graphqlP99Ms} ms, errors ${result.graphqlErrors}`,
            `raw node:http + store.traverse:      ${result.rawRps.toFixed(0)} req/s, p50 ${result.rawP50Ms} ms, p99 ${result.rawP99Ms} ms`,
            `ratio ${result.ratio.toFixed(2)} (target >= ${TARGETS.ratio}); API process max RSS ${result.serverRssMb.toFixed(0)} MB (target < ${TARGETS.serverRssMb})`,
          ].join('\n') + '\n',
        );
      }
    } finally {
      await api.stop();
      await raw.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Starts a script with tsx in a process of its own on a free port and waits until it answers. */
async function startChild(
  script: string,
  dataDir: string,
  probePath: string,
  cpuProfileDir?: string,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const spawnOptions: SpawnOptions = {
    cwd: repoRoot,
    env: {
      ...process.env,
      PEDIGREE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PEDIGREE_DEMO: 'false',
      LOG_LEVEL: 'warn',
      PEDIGREE_TOKENS: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  };
  // With a profile wanted, node itself runs the script with tsx's loader (--cpu-prof is refused in NODE_OPTIONS).
  const child = cpuProfileDir
    ? spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`, '--import', 'tsx', script], spawnOptions)
    : spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [script], spawnOptions);
  let alive = true;
  const exited = new Promise<void>((r) =>
    child.on('exit', () => {
      alive = false;
      r();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  // Generous: on the synthetic graph the service's start includes executor.resume() giving up on
  // every execution the generator left Executing, which takes minutes with --artifacts 1000000.
  const startSeconds = 600;
  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    if (!alive) throw new Error(`${script} exited before listening`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not start within ${startSeconds} s`);
    }
    const up = await fetch(`${url}${probePath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"ar_probe"}',
    }).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // tsx runs the script in a node child of its own: measure the process that actually serves.
  const pid = serverPid(child.pid!);
  return {
    url,
    pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** The node process that serves: tsx's node child (not its esbuild helper), or `pid` itself. */
function serverPid(pid: number): number {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const node = children.find((child) => {
    try {
      return readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node';
    } catch {
      return false;
    }
  });
  return node === undefined ? pid : serverPid(node);
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

async function load(
  url: string,
  ids: readonly string[],
  body: (id: string) => string,
  pid: number | null,
  duration = Number(values.duration),
): Promise<{ rps: number; p50: number; p99: number; errors: number; maxRssMb: number }> {
  let next = 0;
  let maxRssMb = pid ? rssMb(pid) : 0;
  const sampler = pid ? setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 250) : null;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: Number(values.connections),
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body(ids[next++ % ids.length]!) }),
      },
    ],
  });
  if (sampler) clearInterval(sampler);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    maxRssMb,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:api failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
