import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@pedigree/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type PedigreeServer } from '../src/server/create-server.ts';
import { createHarness, TOKENS } from './harness.ts';

const MAX_BODY = 64 * 1024;
let dataDir: string;
let runtime: Runtime;
let server: PedigreeServer;
let base: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'pedigree-hostile-'));
  const config = loadConfig({
    PEDIGREE_DATA_DIR: dataDir,
    PORT: '0',
    PEDIGREE_MAX_BODY_BYTES: String(MAX_BODY),
    PEDIGREE_TOKENS: `vera:viewer:${TOKENS.viewer},eddie:editor:${TOKENS.editor}`,
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  runtime = await createRuntime(config, { logger: createLogger({ level: 'info', destination }) });
  server = createServer(runtime);
  base = await server.listen();
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(
  body: string,
  headers: Record<string, string> = {},
  token: keyof typeof TOKENS | null = 'viewer',
): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${TOKENS[token]}` } : {}), ...headers },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> | null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}

const gql = (query: string, variables: Record<string, unknown> = {}, token: keyof typeof TOKENS | null = 'viewer') =>
  post(JSON.stringify({ query, variables }), {}, token);
const firstError = (json: Record<string, unknown> | null) =>
  (json?.['errors'] as { message: string; extensions?: Record<string, unknown> }[] | undefined)?.[0];

/** Refused before execution: an error and no data (HTTP 400 for graphql-response+json clients, 200 for legacy JSON ones). */
function refusedByValidation(result: { status: number; json: Record<string, unknown> | null }): void {
  expect([200, 400]).toContain(result.status);
  expect(result.json?.['data']).toBeUndefined();
  expect(firstError(result.json)).toBeDefined();
}

async function stillServing(): Promise<void> {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const ok = await gql('{ viewer { name } }');
  expect(ok.json).toEqual({ data: { viewer: { name: 'vera' } } });
}

describe('hostile requests are refused and the server keeps serving', () => {
  it('a query deeper than the depth limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `steps { execution { ${selection} } }`;
    const result = await gql(`{ executions { edges { node { ${selection} } } } }`);
    refusedByValidation(result);
    expect(firstError(result.json)?.message).toMatch(/depth/i);
    await stillServing();
  });

  it('many aliases of an expensive field', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: executions(first: 100) { edges { node { id } } }`).join('\n');
    const result = await gql(`{ ${aliases} }`);
    refusedByValidation(result);
    expect(firstError(result.json)?.message).toMatch(/alias/i);
    await stillServing();
  });

  it('a query with too many tokens', async () => {
    const fields = Array.from({ length: 5500 }, () => '__typename').join(' ');
    const result = await gql(`{ ${fields} }`);
    refusedByValidation(result);
    expect(firstError(result.json)?.message).toMatch(/token/i);
    await stillServing();
  });

  it('a huge lineage depth or node budget', async () => {
    const deep = await gql('{ lineage(startIds: ["ar_x"], maxDepth: 100000) { truncated } }');
    expect(firstError(deep.json)).toMatchObject({ extensions: { code: 'VALIDATION_FAILED' } });
    expect(firstError(deep.json)?.message).toMatch(/maxDepth: must be at most 50/);
    const wide = await gql('{ lineage(startIds: ["ar_x"], nodeLimit: 100000000) { truncated } }');
    expect(firstError(wide.json)?.message).toMatch(/nodeLimit: must be at most 10000/);
    const many = await gql('query($ids: [ID!]!) { lineage(startIds: $ids) { truncated } }', {
      ids: Array.from({ length: 500 }, (_, i) => `ar_${i}`),
    });
    expect(firstError(many.json)?.message).toMatch(/startIds: must name at most 100 nodes/);
    await stillServing();
  });

  it('an oversized body with Content-Length', async () => {
    const result = await post(JSON.stringify({ query: `{ viewer { name } } # ${'x'.repeat(MAX_BODY * 2)}` }));
    expect(result.status).toBe(413);
    await stillServing();
  });

  it('an oversized chunked body without Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization: `Bearer ${TOKENS.viewer}` },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"query":"{ viewer { name } }","x":"');
      const chunk = 'y'.repeat(16 * 1024);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end('"}');
    });
    expect(status).toBe(413);
    await stillServing();
  });

  it('malformed JSON', async () => {
    const result = await post('{"query": "{ viewer { name } }"');
    expect(result.status).toBe(400);
    expect(firstError(result.json)?.message).toMatch(/not valid JSON/);
    await stillServing();
  });

  it('a mutation without a token', async () => {
    const result = await gql('mutation { ping }', {}, null);
    expect(result.status).toBe(401);
    expect(firstError(result.json)).toMatchObject({ extensions: { code: 'UNAUTHORIZED' } });
    await stillServing();
  });

  it('a request with an unknown token', async () => {
    const result = await post(JSON.stringify({ query: '{ viewer { name } }' }), { authorization: 'Bearer not-a-real-token-at-all' }, null);
    expect(result.status).toBe(401);
    await stillServing();
  });

  it('a mutation with a viewer token', async () => {
    const result = await gql('mutation { ping }', {}, 'viewer');
    expect(result.status).toBe(403);
    expect(firstError(result.json)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const upsert = await gql('mutation { upsertPipeline(input: { definition: {} }) { errors { path } } }', {}, 'viewer');
    expect(firstError(upsert.json)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await stillServing();
  });

  it('a mutation over GET', async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent('mutation { ping }')}`, {
      headers: { authorization: `Bearer ${TOKENS.editor}`, 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
    });
    expect(response.status).toBe(405);
    await stillServing();
  });

  it('no stack traces or internals in responses, and requests carry an id', async () => {
    const result = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.viewer}`, 'x-request-id': 'req-hostile-1' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(result.headers.get('x-request-id')).toBe('req-hostile-1');
    const text = await result.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(logLines.some((l) => l['requestId'] === 'req-hostile-1')).toBe(true);
  });
});

describe('on a loopback server with anonymous editor access', () => {
  it('a cross-site form POST, a text/plain POST and a header-less GET are refused; JSON from a page is not', async () => {
    const h = await createHarness({ anonymousAccess: true });
    try {
      const form = await h.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent('mutation { ping }')}`,
      });
      expect(form.status).toBe(403);
      const multipart = new FormData();
      multipart.set('operations', JSON.stringify({ query: 'mutation { ping }' }));
      expect((await h.fetch('/graphql', { method: 'POST', body: multipart })).status).toBe(403);
      const plain = await h.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: 'mutation { ping }' }),
      });
      expect(plain.status).toBe(403);
      const get = await h.fetch(`/graphql?query=${encodeURIComponent('{ viewer { name } }')}`, { headers: { accept: 'application/json' } });
      expect(get.status).toBe(403);
      const json = await h.gql('mutation { ping }', {}, { token: null });
      expect(json.body).toEqual({ data: { ping: true } });
    } finally {
      await h.close();
    }
  });

  it('a page of another origin gets no CORS approval: its preflight carries no Access-Control-Allow-Origin, nor does a response', async () => {
    const h = await createHarness({ anonymousAccess: true });
    try {
      const preflight = await h.fetch('/graphql', {
        method: 'OPTIONS',
        headers: {
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-graphql-yoga-csrf',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      // Even if a browser sent the request, the answer would not be readable by the page.
      const response = await h.fetch('/graphql', {
        method: 'POST',
        headers: { origin: 'http://evil.example', 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
        body: JSON.stringify({ query: '{ viewer { name } }' }),
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await h.close();
    }
  });

  it('configured origins (PEDIGREE_CORS_ORIGINS) are approved, without credentials; others are not', async () => {
    const h = await createHarness({ anonymousAccess: true, corsOrigins: ['https://notebooks.example.com', 'http://localhost:8888'] });
    try {
      const preflight = (origin: string): Promise<Response> =>
        h.fetch('/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
        });
      const allowed = await preflight('http://localhost:8888');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8888');
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight('http://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
      expect(['null', null]).toContain(other.headers.get('access-control-allow-origin'));
    } finally {
      await h.close();
    }
  });

  it('masks unexpected errors and logs them with the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const h = await createHarness({
      logger: createLogger({ level: 'info', destination }),
      wrapStore: (store) =>
        new Proxy(store, {
          get(target, property, receiver) {
            if (property === 'listPipelines') return () => Promise.reject(new Error('disk on fire at /secret/path/pedigree.db'));
            return Reflect.get(target, property, receiver) as unknown;
          },
        }),
    });
    try {
      const { body } = await h.gql(
        '{ pipelines { edges { node { name } } } }',
        {},
        { token: 'viewer', headers: { 'x-request-id': 'req-masked-1' } },
      );
      expect(body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL' } });
      expect(JSON.stringify(body)).not.toContain('secret');
      const logged = lines.find((l) => l['requestId'] === 'req-masked-1' && l['msg'] === 'unexpected error in resolver');
      expect(JSON.stringify(logged)).toContain('disk on fire');
    } finally {
      await h.close();
    }
  });
});
