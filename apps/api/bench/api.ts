/**
 * `npm run bench:api [-- --json] [--artifacts N] [--duration S] [--rounds N] [--connections N] [--cpu-prof DIR] [--data-dir DIR]`
 *
 * 1. Builds the lineage benchmark's synthetic graph (default 100,000 artifacts) by running
 *    `npm run bench:lineage -- --keep` and takes over its database file as a data directory.
 * 2. Starts the real service (`node --import tsx apps/api/src/main.ts`, as `npm start`; demo off) on that data directory in a
 *    child process, and a plain node:http server in this process that calls the same store method
 *    (`traverse`, UPSTREAM, depth 10) and returns JSON: the floor for any API over the store.
 * 3. Waits until the service has settled the executions the generator left running, then measures
 *    both with autocannon (same start ids, connections and duration) in alternating rounds
 *    (G R R G ...) and samples the service's resident memory while it is under load.
 *
 * Prints both figures and their ratio (`--json`: one JSON object with graphqlRps, rawRps,
 * graphqlP99Ms, rawP99Ms, serverRssMb, ...). Targets: GraphQL throughput >= 0.66x raw; the API
 * process below 500 MB resident. The exit code is 0 either way, 1 on a crash.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    // Measurement rounds per endpoint, alternating GraphQL and raw (G R R G ...), each --duration long.
    rounds: { type: 'string', default: '4' },
    // Writes V8 CPU profiles of both servers (node --cpu-prof) into this directory.
    'cpu-prof': { type: 'string' },
    // Keeps the built graph's data directory here and, when it already holds one, measures it
    // again without rebuilding (faster iterations; the service has settled it the first time).
    'data-dir': { type: 'string' },
  },
});
const log = (message: string): void => {
  if (!values.json) process.stderr.write(`${message}\n`);
};

const QUERY = `query Upstream($id: ID!) {
  lineage(startIds: [$id], direction: UPSTREAM, maxDepth: 10) { truncated nodes { id type label depth } edges { from to type } }
}`;

/** Written next to the store of a built graph, for a later run with the same --data-dir. */
const GRAPH_FACTS_FILE = 'bench-graph.json';

interface GraphFacts {
  readonly artifacts: number;
  readonly totalEdges: number;
}

/** Builds the lineage benchmark's graph and takes its database file over as `dataDir`'s store. */
async function buildGraph(work: string, dataDir: string): Promise<GraphFacts> {
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
  const graph = JSON.parse(line) as GraphFacts & { file: string };
  const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: createSilentLogger() });
  await runtime.close();
  // Take the graph over as the store of a data directory (after the runtime created its layout).
  for (const suffix of ['-wal', '-shm']) rmSync(path.join(dataDir, `pedigree.db${suffix}`), { force: true });
  copyFileSync(graph.file, path.join(dataDir, 'pedigree.db'));
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(`${graph.file}${suffix}`)) copyFileSync(`${graph.file}${suffix}`, path.join(dataDir, `pedigree.db${suffix}`));

  const facts: GraphFacts = { artifacts: graph.artifacts, totalEdges: graph.totalEdges };
  writeFileSync(path.join(dataDir, GRAPH_FACTS_FILE), `${JSON.stringify(facts)}\n`);
  return facts;
}

/** The figures of a graph built by an earlier run with the same --data-dir. */
function reusedGraph(dataDir: string): GraphFacts {
  log(`measuring the graph already in ${dataDir} (built by an earlier run with --data-dir)`);
  return JSON.parse(readFileSync(path.join(dataDir, GRAPH_FACTS_FILE), 'utf8')) as GraphFacts;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'pedigree-bench-api-'));
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : path.join(work, 'data');
  try {
    const reused = values['data-dir'] !== undefined && existsSync(path.join(dataDir, GRAPH_FACTS_FILE));
    const graph = reused ? reusedGraph(dataDir) : await buildGraph(work, dataDir);

    const store = (await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: createSilentLogger() }))
      .store;
    const models = (await store.listArtifacts({ types: ['Model'], first: 200 })).items.map((a) => a.id);
    if (models.length === 0) throw new Error('the graph has no models');

    await store.close();
    // Both servers run in processes of their own, started the same way; this process only drives the load.
    const raw = await startChild('apps/api/bench/raw-server.ts', dataDir, '/', values['cpu-prof']);
    const api = await startChild('apps/api/src/main.ts', dataDir, '/readyz', values['cpu-prof']).catch(async (error: unknown) => {
      await raw.stop(); // not left running when the service fails to start
      throw error;
    });
    try {
      // The service resumes (here: gives up on) the executions the graph generator left running,
      // in the background after it listens. That work would share the CPU with the measured
      // requests, which the raw endpoint never does: wait for it to end before measuring.
      const settledSeconds = await waitForResume(`${api.url}/graphql`);
      log(`left-over executions settled after ${settledSeconds.toFixed(1)} s`);
      const graphqlBody = (id: string): string => JSON.stringify({ query: QUERY, variables: { id } });
      const rawBody = (id: string): string => JSON.stringify({ id });
      // Warm both (JIT, SQLite page caches) before measuring, then measure each in turn.
      log('warming up ...');
      await load(`${api.url}/graphql`, models, graphqlBody, null, 3);
      await load(`${raw.url}/lineage`, models, rawBody, null, 3);
      log('measuring ...');
      // Rounds alternate in an A B B A order, so that load from other processes on a shared machine
      // that rises or falls during the run weighs on both endpoints alike.
      const graphqlRounds: LoadResult[] = [];
      const rawRounds: LoadResult[] = [];
      for (let round = 0; round < Number(values.rounds); round++) {
        const graphqlFirst = round % 2 === 0;
        for (const which of graphqlFirst ? (['graphql', 'raw'] as const) : (['raw', 'graphql'] as const)) {
          if (which === 'graphql') graphqlRounds.push(await load(`${api.url}/graphql`, models, graphqlBody, api.pid));
          else rawRounds.push(await load(`${raw.url}/lineage`, models, rawBody, raw.pid));
        }
      }
      const graphql = combine(graphqlRounds);
      const rawResult = combine(rawRounds);
      const result = {
        artifacts: graph.artifacts,
        edges: graph.totalEdges,
        connections: Number(values.connections),
        durationSeconds: Number(values.duration),
        rounds: Number(values.rounds),
        graphqlRoundRps: graphqlRounds.map((r) => r.rps),
        rawRoundRps: rawRounds.map((r) => r.rps),
        graphqlRps: graphql.rps,
        rawRps: rawResult.rps,
        ratio: graphql.rps / rawResult.rps,
        // Server CPU per request (both processes sampled from /proc): far less sensitive to other
        // load on a shared machine than requests/s; raw / graphql is the ratio a CPU-bound server reaches.
        graphqlCpuMsPerRequest: graphql.cpuMsPerRequest,
        rawCpuMsPerRequest: rawResult.cpuMsPerRequest,
        cpuRatio: rawResult.cpuMsPerRequest / graphql.cpuMsPerRequest,
        graphqlP50Ms: graphql.p50,
        graphqlP99Ms: graphql.p99,
        rawP50Ms: rawResult.p50,
        rawP99Ms: rawResult.p99,
        graphqlErrors: graphql.errors,
        settledSeconds,
        serverRssMb: graphql.maxRssMb,
        rawServerRssMb: rawResult.maxRssMb,
        targets: TARGETS,
        meetsTargets: graphql.rps / rawResult.rps >= TARGETS.ratio && graphql.maxRssMb < TARGETS.serverRssMb,
      };
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(
          [
            `graph: ${result.artifacts} artifacts, ${result.edges} edges; ${result.connections} connections, ${result.rounds} rounds of ${result.durationSeconds} s each`,
            `GraphQL lineage (upstream, depth 10): ${result.graphqlRps.toFixed(0)} req/s, p50 ${result.graphqlP50Ms} ms, p99 ${result.graphqlP99Ms} ms, errors ${result.graphqlErrors}`,
            `raw node:http + store.traverse:      ${result.rawRps.toFixed(0)} req/s, p50 ${result.rawP50Ms} ms, p99 ${result.rawP99Ms} ms`,
            `ratio ${result.ratio.toFixed(2)} (target >= ${TARGETS.ratio}); API process max RSS ${result.serverRssMb.toFixed(0)} MB (target < ${TARGETS.serverRssMb})`,
            `server CPU per request: GraphQL ${result.graphqlCpuMsPerRequest.toFixed(3)} ms, raw ${result.rawCpuMsPerRequest.toFixed(3)} ms (raw/GraphQL ${result.cpuRatio.toFixed(2)})`,
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
  // node itself runs the script with tsx's loader, as `npm start` does (no tsx CLI wrapper process);
  // with a profile wanted, under --cpu-prof (refused in NODE_OPTIONS).
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], spawnOptions);
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
  const pid = child.pid!;
  return {
    url,
    pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const UNSETTLED_QUERY = `{ executions(first: 1, filter: { statuses: [Executing, Stopping] }) { edges { node { id } } } }`;

/** Waits until the service has no execution left Executing or Stopping; returns the seconds waited. */
async function waitForResume(graphqlUrl: string): Promise<number> {
  const started = Date.now();
  const deadline = started + 600 * 1000;
  for (;;) {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: UNSETTLED_QUERY }),
    });
    const body = (await response.json()) as { data?: { executions: { edges: unknown[] } }; errors?: unknown };
    if (!body.data) throw new Error(`could not list executions: ${JSON.stringify(body.errors)}`);
    if (body.data.executions.edges.length === 0) return (Date.now() - started) / 1000;
    if (Date.now() > deadline) throw new Error('the service did not settle its left-over executions within 600 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** CPU time (user + system) a process has used so far, in milliseconds; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

interface LoadResult {
  readonly rps: number;
  /** Server CPU time per completed request: the cost of a request, whatever else the machine runs. */
  readonly cpuMsPerRequest: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly maxRssMb: number;
}

/** Rounds of equal length: mean throughput, the median round's p50, the worst p99 and RSS. */
function combine(rounds: readonly LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.p50 - b.p50);
  return {
    rps: rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length,
    cpuMsPerRequest: rounds.reduce((sum, r) => sum + r.cpuMsPerRequest, 0) / rounds.length,
    p50: sorted[Math.floor((sorted.length - 1) / 2)]!.p50,
    p99: Math.max(...rounds.map((r) => r.p99)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    maxRssMb: Math.max(...rounds.map((r) => r.maxRssMb)),
  };
}

async function load(
  url: string,
  ids: readonly string[],
  body: (id: string) => string,
  pid: number | null,
  duration = Number(values.duration),
): Promise<LoadResult> {
  let next = 0;
  let maxRssMb = pid ? rssMb(pid) : 0;
  const sampler = pid ? setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 250) : null;
  const cpuBefore = pid ? cpuMs(pid) : 0;
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
  const cpuUsed = pid ? cpuMs(pid) - cpuBefore : 0;
  return {
    rps: result.requests.average,
    cpuMsPerRequest: result.requests.total > 0 ? cpuUsed / result.requests.total : 0,
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
