import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@pedigree/domain';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.ts';

export const ROLES = ['viewer', 'editor', 'admin', 'ingest'] as const;
/**
 * viewer: queries and subscriptions; editor: also pipelines, executions, approvals, cache, and
 * OpenLineage ingestion; admin: also tokens. ingest: only `POST /api/v1/lineage` (a token to hand
 * to Spark, dbt or Airflow that can neither read nor change anything else).
 */
export type Role = (typeof ROLES)[number];

/** An API token as kept in memory: only its sha256, never the token itself. */
export interface ApiToken {
  /** Who the token belongs to; recorded as `createdBy` and in approval history. */
  readonly name: string;
  readonly role: Role;
  /** Lower-case hex sha256 of the token text. */
  readonly sha256: string;
}

export interface Neo4jSettings {
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  readonly database: string;
}

/** Where Pedigree sends OpenLineage events of its own executions (see `@pedigree/openlineage`'s emitter). */
export interface OpenLineageEmitSettings {
  /** The endpoint as configured; a URL without a path gets `/api/v1/lineage`. */
  readonly url: string;
  readonly apiKey: string | null;
  /** Job namespace of the events. */
  readonly namespace: string;
}

export interface PedigreeConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path; holds the embedded store, the artifact store, logs and the schedules file. */
  readonly dataDir: string;
  /** Directory that project-relative paths in definitions resolve against (handler modules, dataset paths). */
  readonly projectRoot: string;
  readonly store: 'sqlite' | 'neo4j';
  /** Present when `store` is `neo4j`. */
  readonly neo4j: Neo4jSettings | null;
  readonly tokens: readonly ApiToken[];
  readonly logLevel: LogLevel;
  readonly maxParallelSteps: number;
  /** Largest accepted HTTP request body in bytes. */
  readonly maxBodyBytes: number;
  /**
   * Browser origins (`scheme://host[:port]`) allowed to call the GraphQL API cross-origin (CORS).
   * Empty (the default): same-origin only.
   */
  readonly corsOrigins: readonly string[];
  /** Run the iris demo once when the store is empty. */
  readonly demo: boolean;
  /** How long a SIGTERM waits for in-flight requests before closing anyway. */
  readonly shutdownGraceMs: number;
  /** Null when `PEDIGREE_OPENLINEAGE_URL` is unset: nothing is emitted. */
  readonly openLineage: OpenLineageEmitSettings | null;
}

/** The environment variables `loadConfig` reads, with their defaults: the table in the README. */
export const CONFIG_VARIABLES = [
  { name: 'PORT', default: '4000', description: 'HTTP port (0 picks a free port).' },
  { name: 'HOST', default: '127.0.0.1', description: 'Address to bind. A non-loopback address requires API tokens.' },
  { name: 'PEDIGREE_DATA_DIR', default: './.pedigree', description: 'Embedded store, artifacts, step logs and schedules.' },
  { name: 'PEDIGREE_PROJECT_ROOT', default: 'current directory', description: 'Root for project-relative paths in pipeline definitions.' },
  { name: 'PEDIGREE_STORE', default: 'sqlite', description: '`sqlite` (embedded) or `neo4j`.' },
  { name: 'NEO4J_URI', default: '', description: 'Bolt URI, required when PEDIGREE_STORE=neo4j (e.g. neo4j://localhost:7687).' },
  { name: 'NEO4J_USERNAME', default: 'neo4j', description: 'Neo4j user.' },
  { name: 'NEO4J_PASSWORD', default: '', description: 'Neo4j password, required when PEDIGREE_STORE=neo4j.' },
  { name: 'NEO4J_DATABASE', default: 'neo4j', description: 'Neo4j database name.' },
  {
    name: 'PEDIGREE_TOKENS',
    default: '',
    description: 'Comma-separated API tokens `name:role:token` (role viewer, editor, admin or ingest).',
  },
  {
    name: 'PEDIGREE_TOKENS_FILE',
    default: '',
    description: 'JSON file: `[{ "name", "role", "token" | "sha256" }]`; merged with PEDIGREE_TOKENS.',
  },
  { name: 'LOG_LEVEL', default: 'info', description: `One of ${LOG_LEVELS.join(', ')}.` },
  { name: 'PEDIGREE_MAX_PARALLEL_STEPS', default: '4', description: 'Steps run at once per execution (1-64).' },
  { name: 'PEDIGREE_MAX_BODY_BYTES', default: '2097152', description: 'Largest HTTP request body accepted (bytes).' },
  {
    name: 'PEDIGREE_CORS_ORIGINS',
    default: '',
    description:
      'Comma-separated browser origins (`https://notebooks.example.com`) allowed to call the GraphQL API from their pages. Unset: same-origin only (the bundled UI).',
  },
  { name: 'PEDIGREE_DEMO', default: 'true', description: 'Upsert and run the iris demo once on an empty store.' },
  { name: 'PEDIGREE_SHUTDOWN_GRACE_MS', default: '10000', description: 'How long SIGTERM waits for requests in flight.' },
  {
    name: 'PEDIGREE_OPENLINEAGE_URL',
    default: '',
    description:
      'Emit OpenLineage START/COMPLETE/FAIL events of every execution and step to this http(s) endpoint (Marquez, DataHub; a URL without a path gets /api/v1/lineage). Never blocks a pipeline.',
  },
  { name: 'PEDIGREE_OPENLINEAGE_API_KEY', default: '', description: 'Sent as `Authorization: Bearer <key>` with every emitted event.' },
  { name: 'PEDIGREE_OPENLINEAGE_NAMESPACE', default: 'pedigree', description: 'OpenLineage job namespace of the emitted events.' },
] as const;

const intVar = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const boolVar = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v), 'must be true or false')
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const envSchema = z.object({
  PORT: intVar(0, 65535).default(4000),
  HOST: nonEmpty.default('127.0.0.1'),
  PEDIGREE_DATA_DIR: nonEmpty.default('./.pedigree'),
  PEDIGREE_PROJECT_ROOT: nonEmpty.optional(),
  PEDIGREE_STORE: z.enum(['sqlite', 'neo4j'], { error: 'must be sqlite or neo4j' }).default('sqlite'),
  NEO4J_URI: z
    .string()
    .trim()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/\S+$/, 'must be a neo4j:// or bolt:// URI')
    .optional(),
  NEO4J_USERNAME: nonEmpty.default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: nonEmpty.default('neo4j'),
  PEDIGREE_TOKENS: z.string().optional(),
  PEDIGREE_TOKENS_FILE: nonEmpty.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PEDIGREE_MAX_PARALLEL_STEPS: intVar(1, 64).default(4),
  PEDIGREE_MAX_BODY_BYTES: intVar(1024, 256 * 1024 * 1024).default(2 * 1024 * 1024),
  PEDIGREE_CORS_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value.split(',').map((o) => o.trim())) {
        if (entry === '') continue;
        const problem = originProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} ${problem}` });
        else origins.push(entry);
      }
      return origins;
    })
    .optional(),
  PEDIGREE_DEMO: boolVar.default(true),
  PEDIGREE_SHUTDOWN_GRACE_MS: intVar(0, 600_000).default(10_000),
  PEDIGREE_OPENLINEAGE_URL: z
    .string()
    .trim()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
    .optional(),
  PEDIGREE_OPENLINEAGE_API_KEY: z.string().trim().optional(),
  PEDIGREE_OPENLINEAGE_NAMESPACE: nonEmpty.default('pedigree'),
});

const tokenFileSchema = z.array(
  z
    .object({
      name: nonEmpty,
      role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
      token: z.string().min(16, 'must be at least 16 characters').optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters')
        .optional(),
    })
    .refine((t) => (t.token === undefined) !== (t.sha256 === undefined), 'give exactly one of token or sha256'),
);

export interface LoadConfigOptions {
  /** Base for relative paths; default `process.cwd()`. */
  readonly cwd?: string;
}

/** sha256 hex of a token, the only form in which tokens are kept. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Reads and validates the configuration from environment variables (see `CONFIG_VARIABLES`).
 * Empty values count as unset. Throws CONFIGURATION_INVALID naming the variable and what is wrong.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadConfigOptions = {},
): PedigreeConfig {
  const cwd = options.cwd ?? process.cwd();
  const raw: Record<string, string> = {};
  for (const { name } of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const shown = raw[name] === undefined || /PASSWORD|TOKEN|API_KEY/.test(name) ? '' : ` (got ${JSON.stringify(raw[name])})`;
      return { name, text: `${name}: ${issue.message}${shown}` };
    });
    throw configError(problems);
  }
  const e = parsed.data;

  let neo4j: Neo4jSettings | null = null;
  if (e.PEDIGREE_STORE === 'neo4j') {
    const missing = (['NEO4J_URI', 'NEO4J_PASSWORD'] as const).filter((n) => e[n] === undefined);
    if (missing.length > 0) {
      throw configError(missing.map((name) => ({ name, text: `${name}: is required when PEDIGREE_STORE=neo4j` })));
    }
    neo4j = { uri: e.NEO4J_URI!, username: e.NEO4J_USERNAME, password: e.NEO4J_PASSWORD!, database: e.NEO4J_DATABASE };
  }

  const tokens = [
    ...parseTokenList(e.PEDIGREE_TOKENS ?? ''),
    ...(e.PEDIGREE_TOKENS_FILE ? readTokenFile(path.resolve(cwd, e.PEDIGREE_TOKENS_FILE)) : []),
  ];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t.sha256)) throw new ConfigurationError('PEDIGREE_TOKENS', `the token of ${t.name} is configured twice`);
    seen.add(t.sha256);
  }

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.PEDIGREE_DATA_DIR),
    projectRoot: path.resolve(cwd, e.PEDIGREE_PROJECT_ROOT ?? '.'),
    store: e.PEDIGREE_STORE,
    neo4j,
    tokens,
    logLevel: e.LOG_LEVEL,
    maxParallelSteps: e.PEDIGREE_MAX_PARALLEL_STEPS,
    maxBodyBytes: e.PEDIGREE_MAX_BODY_BYTES,
    corsOrigins: e.PEDIGREE_CORS_ORIGINS ?? [],
    demo: e.PEDIGREE_DEMO,
    shutdownGraceMs: e.PEDIGREE_SHUTDOWN_GRACE_MS,
    openLineage: e.PEDIGREE_OPENLINEAGE_URL
      ? { url: e.PEDIGREE_OPENLINEAGE_URL, apiKey: e.PEDIGREE_OPENLINEAGE_API_KEY ?? null, namespace: e.PEDIGREE_OPENLINEAGE_NAMESPACE }
      : null,
  };
}

/** Why `entry` is not a browser origin (`scheme://host[:port]`, as the Origin header sends it), or null. */
function originProblem(entry: string): string | null {
  if (entry === '*')
    return 'is not allowed: list the origins (a wildcard would let any web page use the API with the browser of whoever runs it)';
  if (!URL.canParse(entry)) return 'is not an origin like https://notebooks.example.com';
  const url = new URL(entry);
  if (!/^https?:$/.test(url.protocol)) return 'must start with http:// or https://';
  if (url.origin !== entry) return `is not an origin (scheme://host[:port], no path or trailing slash: ${url.origin})`;
  return null;
}

function configError(problems: readonly { name: string; text: string }[]): ConfigurationError {
  const names = [...new Set(problems.map((p) => p.name))].join(', ');
  const error = new ConfigurationError(names, problems.map((p) => p.text).join('; '));
  // The setting prefix is already part of each problem's text.
  error.message = `Invalid configuration: ${problems.map((p) => p.text).join('; ')}`;
  return error;
}

/** `name:role:token` entries separated by commas; the token may itself contain colons. */
function parseTokenList(value: string): ApiToken[] {
  const out: ApiToken[] = [];
  for (const [index, entry] of value.split(',').entries()) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const parts = trimmed.split(':');
    const [name, role] = parts;
    const token = parts.slice(2).join(':');
    if (!name || !role || !token) {
      throw new ConfigurationError('PEDIGREE_TOKENS', `entry ${index + 1} must be name:role:token`);
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigurationError('PEDIGREE_TOKENS', `entry ${index + 1} (${name}): role must be one of ${ROLES.join(', ')}`);
    }
    if (token.length < 16) {
      throw new ConfigurationError('PEDIGREE_TOKENS', `entry ${index + 1} (${name}): token must be at least 16 characters`);
    }
    out.push({ name, role: role as Role, sha256: hashToken(token) });
  }
  return out;
}

function readTokenFile(file: string): ApiToken[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError('PEDIGREE_TOKENS_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigurationError('PEDIGREE_TOKENS_FILE', `${file} is not valid JSON`);
  }
  const parsed = tokenFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigurationError('PEDIGREE_TOKENS_FILE', `${file}: [${issue.path.join('.')}] ${issue.message}`);
  }
  return parsed.data.map((t) => ({ name: t.name, role: t.role, sha256: t.sha256 ?? hashToken(t.token!) }));
}

/** True for addresses only this machine can reach (where anonymous editor access is allowed). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
