import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { hashToken, isLoopbackHost, loadConfig } from './config.ts';

const cwd = '/srv/pedigree';

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({}, { cwd });
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      dataDir: '/srv/pedigree/.pedigree',
      projectRoot: '/srv/pedigree',
      store: 'sqlite',
      neo4j: null,
      tokens: [],
      logLevel: 'info',
      maxParallelSteps: 4,
      demo: true,
    });
  });

  it('reads PEDIGREE_CORS_ORIGINS as a list of origins (default none) and names a bad entry', () => {
    expect(loadConfig({}, { cwd }).corsOrigins).toEqual([]);
    expect(loadConfig({ PEDIGREE_CORS_ORIGINS: ' https://notebooks.example.com, http://localhost:8888 ,' }, { cwd }).corsOrigins).toEqual([
      'https://notebooks.example.com',
      'http://localhost:8888',
    ]);
    const star = errorOf(() => loadConfig({ PEDIGREE_CORS_ORIGINS: '*' }, { cwd }));
    expect(star.message).toMatch(/PEDIGREE_CORS_ORIGINS: "\*" is not allowed: list the origins/);
    const path = errorOf(() => loadConfig({ PEDIGREE_CORS_ORIGINS: 'https://ok.example, https://notebooks.example.com/lab' }, { cwd }));
    expect(path.message).toMatch(
      /"https:\/\/notebooks\.example\.com\/lab" is not an origin \(scheme:\/\/host\[:port\], no path or trailing slash: https:\/\/notebooks\.example\.com\)/,
    );
    expect(errorOf(() => loadConfig({ PEDIGREE_CORS_ORIGINS: 'ftp://files.example' }, { cwd })).message).toMatch(
      /must start with http:\/\/ or https:\/\//,
    );
    expect(errorOf(() => loadConfig({ PEDIGREE_CORS_ORIGINS: 'notebooks' }, { cwd })).message).toMatch(/"notebooks" is not an origin like/);
  });

  it('reads every variable and resolves the data directory against cwd', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        PEDIGREE_DATA_DIR: 'data',
        PEDIGREE_STORE: 'neo4j',
        NEO4J_URI: 'neo4j://db:7687',
        NEO4J_PASSWORD: 'secret',
        LOG_LEVEL: 'debug',
        PEDIGREE_MAX_PARALLEL_STEPS: '8',
        PEDIGREE_DEMO: 'false',
      },
      { cwd },
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/pedigree/data',
      store: 'neo4j',
      neo4j: { uri: 'neo4j://db:7687', username: 'neo4j', password: 'secret', database: 'neo4j' },
      logLevel: 'debug',
      maxParallelSteps: 8,
      demo: false,
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ' }, { cwd }).port).toBe(4000);
  });

  it.each([
    ['PORT', 'abc', /PORT: must be an integer/],
    ['PORT', '70000', /PORT: must be at most 65535/],
    ['PEDIGREE_STORE', 'postgres', /PEDIGREE_STORE: must be sqlite or neo4j/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['PEDIGREE_MAX_PARALLEL_STEPS', '0', /PEDIGREE_MAX_PARALLEL_STEPS: must be at least 1/],
    ['PEDIGREE_DEMO', 'maybe', /PEDIGREE_DEMO: must be true or false/],
    ['NEO4J_URI', 'http://x', /NEO4J_URI: must be a neo4j:\/\/ or bolt:\/\/ URI/],
  ])('names %s in the message for the bad value %j', (name, value, message) => {
    const error = errorOf(() => loadConfig({ [name]: value }, { cwd }));
    expect(error.code).toBe('CONFIGURATION_INVALID');
    expect(error.context['setting']).toBe(name);
    expect(error.message).toMatch(message);
  });

  it('requires NEO4J_URI and NEO4J_PASSWORD for the neo4j store', () => {
    const error = errorOf(() => loadConfig({ PEDIGREE_STORE: 'neo4j' }, { cwd }));
    expect(error.message).toMatch(/NEO4J_URI: is required/);
    expect(error.message).toMatch(/NEO4J_PASSWORD: is required/);
  });

  it('keeps only the sha256 of tokens from PEDIGREE_TOKENS', () => {
    const token = 'tok:with:colons-0123456789';
    const config = loadConfig({ PEDIGREE_TOKENS: `ada:admin:${token}, bob:viewer:bbbbbbbbbbbbbbbbbbbb` }, { cwd });
    expect(config.tokens).toEqual([
      { name: 'ada', role: 'admin', sha256: hashToken(token) },
      { name: 'bob', role: 'viewer', sha256: hashToken('bbbbbbbbbbbbbbbbbbbb') },
    ]);
    expect(JSON.stringify(config)).not.toContain(token);
  });

  it('accepts the ingest role (a token that may only post OpenLineage events)', () => {
    const config = loadConfig({ PEDIGREE_TOKENS: 'spark:ingest:spark-token-0123456789' }, { cwd });
    expect(config.tokens).toEqual([{ name: 'spark', role: 'ingest', sha256: hashToken('spark-token-0123456789') }]);
  });

  it.each([
    ['ada:owner:0123456789abcdef', /role must be one of viewer, editor, admin, ingest/],
    ['ada:admin', /must be name:role:token/],
    ['ada:admin:short', /at least 16 characters/],
    ['a:admin:0123456789abcdef,b:viewer:0123456789abcdef', /configured twice/],
  ])('refuses the token list %j', (value, message) => {
    const error = errorOf(() => loadConfig({ PEDIGREE_TOKENS: value }, { cwd }));
    expect(error.context['setting']).toBe('PEDIGREE_TOKENS');
    expect(error.message).toMatch(message);
  });

  it('reads tokens from PEDIGREE_TOKENS_FILE, plain or already hashed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-config-'));
    const file = path.join(dir, 'tokens.json');
    const hashed = hashToken('ci-token-0123456789');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'web', role: 'viewer', token: 'web-token-0123456789' },
        { name: 'ci', role: 'editor', sha256: hashed },
      ]),
    );
    const config = loadConfig({ PEDIGREE_TOKENS_FILE: file }, { cwd });
    expect(config.tokens).toEqual([
      { name: 'web', role: 'viewer', sha256: hashToken('web-token-0123456789') },
      { name: 'ci', role: 'editor', sha256: hashed },
    ]);
  });

  it('names PEDIGREE_TOKENS_FILE when the file is missing or malformed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pedigree-config-'));
    expect(errorOf(() => loadConfig({ PEDIGREE_TOKENS_FILE: path.join(dir, 'none.json') }, { cwd })).message).toMatch(
      /PEDIGREE_TOKENS_FILE: cannot read/,
    );
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ name: 'x', role: 'root', token: '0123456789abcdef' }]));
    expect(errorOf(() => loadConfig({ PEDIGREE_TOKENS_FILE: bad }, { cwd })).message).toMatch(/PEDIGREE_TOKENS_FILE: .*\[0.role\]/);
  });

  it('turns OpenLineage emission on only with PEDIGREE_OPENLINEAGE_URL, and names the variable for a URL that is not http(s)', () => {
    expect(loadConfig({}, { cwd }).openLineage).toBeNull();
    expect(
      loadConfig({ PEDIGREE_OPENLINEAGE_URL: 'http://marquez:5000', PEDIGREE_OPENLINEAGE_API_KEY: 'k3y' }, { cwd }).openLineage,
    ).toEqual({ url: 'http://marquez:5000', apiKey: 'k3y', namespace: 'pedigree' });
    expect(loadConfig({ PEDIGREE_OPENLINEAGE_URL: 'https://dh/ol', PEDIGREE_OPENLINEAGE_NAMESPACE: 'ml' }, { cwd }).openLineage).toEqual({
      url: 'https://dh/ol',
      apiKey: null,
      namespace: 'ml',
    });
    const error = errorOf(() => loadConfig({ PEDIGREE_OPENLINEAGE_URL: 'marquez:5000' }, { cwd }));
    expect(error.message).toMatch(/PEDIGREE_OPENLINEAGE_URL: must be an http:\/\/ or https:\/\/ URL \(got "marquez:5000"\)/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.10', false],
    ['::', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
