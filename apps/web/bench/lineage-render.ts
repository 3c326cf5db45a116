// `npm run bench:web [-- --json] [--runs N] [--nodes N] [--edges N] [--no-build] [--serve]`: time from
// navigation to an interactive lineage graph of 1,000 nodes and 1,500 edges in headless Chromium.
//
// The built client is served by a small local server that answers the client's GraphQL operations
// with a synthetic graph (see synthetic-lineage.ts): the client may not import the server's store
// libraries, so the store is left out and only the client's own cost is measured.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { syntheticLineage } from './synthetic-lineage.ts';

const CHROMIUM = '/usr/bin/chromium';
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(webRoot, 'dist');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const json = args.includes('--json');
const runs = option('--runs', 5);
const nodeCount = option('--nodes', 1000);
const edgeCount = option('--edges', 1500);

if (!existsSync(CHROMIUM)) {
  console.log(`SKIPPED bench:web: ${CHROMIUM} is missing (install Debian's chromium package).`);
  process.exit(0);
}
if (!args.includes('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: webRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const graph = syntheticLineage(nodeCount, edgeCount);
const answers: Record<string, unknown> = {
  Lineage: { lineage: graph },
  Viewer: {
    viewer: { name: 'bench', role: 'viewer', anonymous: false },
    serverInfo: { version: 'bench', store: { adapter: 'synthetic', ok: true } },
  },
};

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function serve(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://bench');
  if (url.pathname === '/graphql') {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { operationName } = JSON.parse(body || '{}') as { operationName?: string };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: answers[operationName ?? ''] ?? null }));
    });
    return;
  }
  let file = path.join(dist, path.normalize(url.pathname));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

const server = createServer(serve);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
if (args.includes('--serve')) {
  // Keeps serving the synthetic graph for a look in a browser or a profiler; Ctrl-C ends it.
  console.log(`serving the synthetic lineage at ${base}/lineage/ar_root?dir=DOWNSTREAM&depth=50&limit=${nodeCount}`);
  await new Promise(() => undefined);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const renderMs: number[] = [];
const selectMs: number[] = [];
try {
  for (let run = 0; run < runs + 1; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/lineage/ar_root?dir=DOWNSTREAM&depth=50&limit=${nodeCount}`);
    await page.locator('[data-testid="graph-canvas"][data-ready="true"] .react-flow__node').first().waitFor({ timeout: 60_000 });
    await page.getByText(`${graph.nodes.length} nodes · ${graph.edges.length} edges`).waitFor();
    // Interactive: the frame after the nodes are in the DOM has been painted.
    const rendered = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['pedigree:layout-start', 'pedigree:layout-end'].map((m) => [m, performance.getEntriesByName(m).at(-1)?.startTime ?? -1]),
      ),
    );
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    if (args.includes('--verbose')) console.log({ run, fcp: Math.round(fcp), ...marks, rendered: Math.round(rendered) });
    const target = page.locator('.react-flow__node').nth(Math.floor(nodeCount / 2) % (await page.locator('.react-flow__node').count()));
    const before = await page.evaluate(() => performance.now());
    await target.click({ force: true });
    await page.locator('.graph-card.is-selected').waitFor();
    const after = await page.evaluate(() => performance.now());
    // The first run warms the browser's caches of the bundle; it is not counted.
    if (run > 0) {
      renderMs.push(Math.round(rendered));
      selectMs.push(Math.round(after - before));
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const result = {
  nodes: graph.nodes.length,
  edges: graph.edges.length,
  runs,
  renderMs: median(renderMs),
  renderRunsMs: renderMs,
  selectMs: median(selectMs),
  targetMs: 1500,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`lineage graph: ${result.nodes} nodes, ${result.edges} edges, median of ${runs} runs`);
  console.log(`  navigation → interactive graph: ${result.renderMs} ms (runs: ${renderMs.join(', ')}; target < ${result.targetMs} ms)`);
  console.log(`  click a node → selected:        ${result.selectMs} ms`);
}
