// @vitest-environment node
// The demo flow in a real browser (Debian's Chromium through playwright-core) against the real
// server: start an execution from the form, watch it go green live, follow the model to its data
// set and back, approve it. Screenshots of every view land in tmp/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/test/fixtures.ts';
import { buildWeb, gql, REPO_ROOT, startServer, type RunningServer } from './server.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'tmp', 'screenshots');
const available = existsSync(CHROMIUM);
if (!available)
  console.log(`SKIPPED web e2e: ${CHROMIUM} is missing (CI installs Debian's chromium package); the browser tests do not run here.`);

const FINAL = ['Succeeded', 'Cached', 'Skipped'];

// Both suites below serve the client built from this tree; build it once, by whichever runs first.
let built = false;
function buildOnce(): void {
  if (built) return;
  buildWeb();
  built = true;
}

describe.skipIf(!available)('web client end to end (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildOnce();
    server = await startServer();
    browser = await chromium.launch({
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
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function waitForGraph(page: Page) {
    await page.locator('[data-testid="graph-canvas"][data-ready="true"]').first().waitFor();
    await page.waitForTimeout(300);
  }

  it('starts the demo from the form, watches it turn green live, follows the model to its data set and approves it', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.url}/pipelines`);
    await page.getByRole('link', { name: DEMO.pipeline, exact: true }).waitFor();
    await shot(page, '01-pipelines');
    await page.getByRole('link', { name: DEMO.pipeline, exact: true }).click();

    await waitForGraph(page);
    for (const step of DEMO.steps) await expect(page.locator(`.react-flow__node[data-id="${step}"]`).count()).resolves.toBe(1);
    await shot(page, '02-pipeline');

    await page.getByRole('button', { name: '▶ Start execution' }).click();
    await page.getByLabel(DEMO.seedParameter, { exact: true }).fill('7');
    // More epochs make training take a few seconds, so the run is visibly live.
    await page.getByLabel('Epochs', { exact: true }).fill('15000');
    await shot(page, '03-start-form');
    await page.locator('form button[type="submit"]').click();

    await page.waitForURL(/\/executions\/ex_/);
    const executionId = page.url().split('/executions/')[1]?.split('?')[0] ?? '';
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'));
    const statusOf = (step: string) =>
      page
        .getByRole('list', { name: 'Step statuses' })
        .locator('li', { hasText: `${step}:` })
        .textContent()
        .then((t) => t?.split(':')[1]?.trim() ?? '');
    const seen = new Set<string>();
    let liveShot = false;
    await expect
      .poll(
        async () => {
          const states = await Promise.all(DEMO.steps.map(statusOf));
          states.forEach((s) => seen.add(s));
          if (!liveShot && states.includes('Executing')) {
            liveShot = true;
            await shot(page, '04-execution-live');
          }
          return states.every((s) => FINAL.includes(s));
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);
    expect(
      [...seen].some((s) => !FINAL.includes(s)),
      `saw only final states: ${[...seen].join(', ')}`,
    ).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('same page');
    await expect(page.locator('.react-flow__node [data-status="Succeeded"]').count()).resolves.toBeGreaterThanOrEqual(4);
    await page.getByText('Final state').waitFor();
    await shot(page, '04-execution-done');

    await page.locator('.react-flow__node[data-id="RegisterModel"]').click();
    const panel = page.locator('aside.step-panel');
    await panel.getByRole('heading', { name: /RegisterModel/ }).waitFor();
    await shot(page, '05-execution-step');
    await panel.getByRole('link', { name: /TrainModel\/model/ }).click();

    await page.waitForURL(/\/models\/ar_/);
    const modelUrl = page.url();
    const provenance = page.getByRole('table', { name: 'Data sets behind this model' });
    await provenance.getByRole('link', { name: DEMO.dataset, exact: true }).waitFor();
    await shot(page, '06-model');

    // The audit report link (the server's report route) comes down as a file named by the server, with the data set in it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download audit report as HTML' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-report-[\w.-]+\.html$/);
    const report = await readFile(await download.path(), 'utf8');
    expect(report).toMatch(/^<!DOCTYPE html>/i);
    expect(report).toContain(DEMO.dataset);

    await provenance
      // Exactly the dataset's row: the upstream OpenLineage CSV (iris/iris.csv) has a name that contains it.
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: DEMO.dataset, exact: true }) })
      .getByRole('link', { name: 'Impact' })
      .click();
    await page.waitForURL(/\/datasets\/ar_.*\/impact/);
    const modelPath = new URL(modelUrl).pathname;
    const modelLinks = page.getByRole('region', { name: 'Model packages' }).locator(`a[href="${modelPath}"]`);
    await modelLinks.first().waitFor();
    await shot(page, '07-impact');

    await modelLinks.first().click();
    await page.waitForURL(modelUrl);
    await page.getByLabel('Comment').fill('Checked in the e2e suite: accuracy above the threshold.');
    await page.getByRole('button', { name: '✓ Approve' }).click();
    await page.getByText(/approved\.$/).waitFor();
    await page.locator('.history').getByText('Checked in the e2e suite').waitFor();
    await shot(page, '08-model-approved');

    const { execution } = await gql<{ execution: { status: string } }>(server.url, 'query($id: ID!) { execution(id: $id) { status } }', {
      id: executionId,
    });
    expect(execution.status).toBe('Succeeded');
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);

  it('explores the demo model’s lineage, the artifacts and a comparison', async () => {
    const page = await newPage();
    await expect
      .poll(
        async () =>
          (await gql<{ modelPackages: { edges: unknown[] } }>(server.url, '{ modelPackages { edges { node { id } } } }')).modelPackages
            .edges.length,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    const data = await gql<{
      modelPackages: { edges: { node: { modelArtifact: { id: string } } }[] };
      executions: { edges: { node: { id: string } }[] };
    }>(server.url, '{ modelPackages { edges { node { modelArtifact { id } } } } executions(first: 2) { edges { node { id } } } }');
    const modelId = data.modelPackages.edges[0]!.node.modelArtifact.id;

    await page.goto(`${server.url}/lineage/${modelId}?dir=UPSTREAM&depth=6`);
    await waitForGraph(page);
    await page.getByText('iris.csv', { exact: true }).first().waitFor();
    await page
      .locator('.react-flow__node')
      .filter({ has: page.getByText('iris.csv', { exact: true }) })
      .first()
      .click();
    await page.getByRole('button', { name: 'Path start (A)' }).click();
    await page.locator(`.react-flow__node[data-id="${modelId}"]`).click();
    await page.getByRole('button', { name: 'Path end (B)' }).click();
    await page.getByText(/Highlighting \d+ paths? between A and B/).waitFor();
    await shot(page, '09-lineage');

    await page.goto(`${server.url}/artifacts?type=DataSet`);
    await page.getByRole('link', { name: 'iris.csv', exact: true }).waitFor();
    await shot(page, '10-artifacts');

    const ids = data.executions.edges.map((e) => e.node.id).join(',');
    await page.goto(`${server.url}/pipelines/${DEMO.pipeline}/compare?ids=${ids}`);
    await page.getByRole('img', { name: /across \d+ executions/ }).waitFor();
    await shot(page, '11-compare');
    await page.close();
  }, 120_000);

  it('walks the demo model’s lineage into the upstream OpenLineage runs (dbt, Spark) and the raw data', async () => {
    const page = await newPage();
    await expect
      .poll(
        async () =>
          (await gql<{ modelPackages: { edges: unknown[] } }>(server.url, '{ modelPackages { edges { node { id } } } }')).modelPackages
            .edges.length,
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    const data = await gql<{ modelPackages: { edges: { node: { modelArtifact: { id: string } } }[] } }>(
      server.url,
      '{ modelPackages { edges { node { modelArtifact { id } } } } }',
    );
    const modelId = data.modelPackages.edges[0]!.node.modelArtifact.id;
    await page.goto(`${server.url}/lineage/${modelId}?dir=UPSTREAM&depth=10`);
    await waitForGraph(page);
    // model <- TrainModel <- train.csv <- PrepareData <- analytics.iris_clean <- dbt run <- raw.iris_measurements <- Spark run <- iris/iris.csv
    const dbt = page.locator('.react-flow__node', { hasText: 'iris_analytics.model.iris_analytics.iris_clean' }).first();
    await dbt.waitFor();
    await expect.poll(() => dbt.locator('.graph-card').getAttribute('class')).toContain('variant-openlineage');
    await page.locator('.react-flow__node', { hasText: 'raw.iris_measurements' }).first().waitFor();
    await page.locator('.react-flow__node', { hasText: 'iris/iris.csv' }).first().waitFor();
    await page.locator('.react-flow__node', { hasText: 'execute_insert_into_hadoop_fs_relation_command' }).first().waitFor();
    await dbt.click();
    const details = page.getByRole('region', { name: 'OpenLineage run' });
    await details.getByText('COMPLETE', { exact: true }).first().waitFor();
    await details.getByRole('link', { name: /airflow \/ iris_warehouse\.dbt_run/ }).waitFor();
    await details.getByText(/Raw events \(2\)/).waitFor();
    await shot(page, '12-openlineage-lineage');
    await details.scrollIntoViewIfNeeded();
    await details.screenshot({ path: path.join(SCREENSHOTS, '13-openlineage-run.png') });
    await page.close();
  }, 120_000);
});

// A server that requires API tokens (as every non-loopback deployment does): the UI asks for one.
const VIEWER_TOKEN = 'e2e-viewer-token-0123456789abcdef';
const EDITOR_TOKEN = 'e2e-editor-token-0123456789abcdef';

describe.skipIf(!available)('web client end to end with API tokens (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  /** GraphQL with a token, for test setup and checks. */
  async function gqlAs<T>(token: string, query: string): Promise<T> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildOnce();
    server = await startServer({ env: { PEDIGREE_TOKENS: `bob:viewer:${VIEWER_TOKEN},ana:editor:${EDITOR_TOKEN}` } });
    browser = await chromium.launch({
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
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for a token, refuses a wrong one, shows the pipelines to a viewer and sends the token everywhere', async () => {
    // The server really refuses anonymous requests.
    const anonymous = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    });
    expect(anonymous.status).toBe(401);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const graphqlRequests: { accept: string; authorization: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      void request.allHeaders().then((h) => graphqlRequests.push({ accept: h['accept'] ?? '', authorization: h['authorization'] }));
    });

    await page.goto(`${server.url}/pipelines`);
    const panel = page.getByRole('main', { name: 'Sign in with an API token' });
    await panel.waitFor();
    await panel.getByText('PEDIGREE_TOKENS').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '20-sign-in.png'), fullPage: true });

    await page.getByLabel('API token', { exact: true }).fill('not-the-right-token-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The server did not accept this token');
    await page.screenshot({ path: path.join(SCREENSHOTS, '21-sign-in-refused.png'), fullPage: true });
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);

    const signInAt = graphqlRequests.length;
    await page.getByLabel('API token', { exact: true }).fill(VIEWER_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: DEMO.pipeline, exact: true }).waitFor();
    await page.getByRole('banner').getByText('bob (viewer)').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '22-signed-in-pipelines.png'), fullPage: true });

    // Every GraphQL request after signing in, the live-updates (SSE) connection included, carried the token.
    await expect.poll(() => graphqlRequests.slice(signInAt).some((r) => r.accept === 'text/event-stream')).toBe(true);
    expect(graphqlRequests.slice(signInAt).every((r) => r.authorization === `Bearer ${VIEWER_TOKEN}`)).toBe(true);

    // Kept for the browser session: a reload asks for nothing.
    await page.reload();
    await page.getByRole('link', { name: DEMO.pipeline, exact: true }).waitFor();
    expect(await page.getByRole('main', { name: 'Sign in with an API token' }).count()).toBe(0);

    // A viewer is not offered the editor-only start, not even through a ?start=1 link (the
    // FORBIDDEN answer for a role changed behind the page's back is shown inline: unit tests).
    await page.goto(`${server.url}/pipelines/${DEMO.pipeline}?start=1`);
    await page.locator('[data-testid="graph-canvas"][data-ready="true"]').first().waitFor();
    expect(await page.getByRole('button', { name: /Start execution/ }).count()).toBe(0);
    expect(await page.locator('form button[type="submit"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, '23-viewer-no-start.png'), fullPage: true });

    // The audit report comes down with the token (links cannot carry it), under the server's file name.
    await expect
      .poll(
        async () =>
          (await gqlAs<{ modelPackages: { edges: unknown[] } }>(VIEWER_TOKEN, '{ modelPackages { edges { node { id } } } }')).modelPackages
            .edges.length,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    const { modelPackages } = await gqlAs<{ modelPackages: { edges: { node: { modelArtifact: { id: string } } }[] } }>(
      VIEWER_TOKEN,
      '{ modelPackages { edges { node { modelArtifact { id } } } } }',
    );
    const modelId = modelPackages.edges[0]!.node.modelArtifact.id;
    await page.goto(`${server.url}/models/${modelId}`);
    const download = page.getByRole('button', { name: 'Download audit report as HTML' });
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    // The name the server gives the file (not the client's fallback `audit-report-<id>.html`).
    const direct = await fetch(`${server.url}/api/v1/reports/${modelId}.html`, { headers: { authorization: `Bearer ${VIEWER_TOKEN}` } });
    const serverName = /filename="([^"]+)"/.exec(direct.headers.get('content-disposition') ?? '')?.[1];
    expect(serverName).toMatch(/^audit-report-[\w.-]+\.html$/);
    expect(file.suggestedFilename()).toBe(serverName);
    const report = await readFile(await file.path(), 'utf8');
    expect(report).toMatch(/^<!DOCTYPE html>/i);
    expect(report).toContain(DEMO.dataset);
    await page.screenshot({ path: path.join(SCREENSHOTS, '24-model-signed-in.png'), fullPage: true });

    // Signing out forgets the token and asks again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('main', { name: 'Sign in with an API token' }).getByText('Signed out').waitFor();
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, '25-signed-out.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);
});
