import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime, createSilentLogger, loadConfig, type Runtime } from '@pedigree/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type PedigreeServer } from '../src/server/create-server.ts';

let dir: string;
let runtime: Runtime;
let server: PedigreeServer;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pedigree-static-'));
  const web = path.join(dir, 'web');
  mkdirSync(path.join(web, 'assets'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>web client</title>');
  writeFileSync(path.join(web, 'assets', 'app-0123abcd.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: path.join(dir, 'data'), PORT: '0' }), { logger: createSilentLogger() });
  server = createServer(runtime, { webRoot: web });
  base = await server.listen();
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET that keeps the path as written (fetch would normalize `..`). */
function rawGet(pathname: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${pathname}`, { method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    });
    req.path = pathname;
    req.on('error', reject);
    req.end();
  });
}

describe('the web client at /', () => {
  it('serves index.html, assets with long caching, and index.html for client routes', async () => {
    expect(await rawGet('/')).toMatchObject({ status: 200, body: '<!doctype html><title>web client</title>' });
    const asset = await fetch(`${base}/assets/app-0123abcd.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await rawGet('/executions/ex_123')).body).toContain('web client');
  });

  it('never serves files outside the web root', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt']) {
      const response = await rawGet(attempt);
      expect(response.body).not.toContain('secret');
    }
  });

  it('refuses writes outside /graphql', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
