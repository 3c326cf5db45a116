import {
  ARTIFACT_TYPES,
  APPROVAL_STATUSES,
  CONTEXT_TYPES,
  ConflictError,
  EDGE_ENDPOINTS,
  EXECUTION_STATUSES,
  InvalidArgumentError,
  NotFoundError,
  STEP_TYPES,
  StoreUnavailableError,
  TERMINAL_EXECUTION_STATUSES,
  TERMINAL_STEP_STATUSES,
  ValidationError,
  artifactIdFor,
  assertExecutionTransition,
  assertStepTransition,
  contextIdFor,
  createExecutionId,
  createModelPackageId,
  createStepExecutionId,
  isDigest,
  nowIso,
  pipelineNodeIdFor,
  pipelineVersionIdFor,
  type ArtifactId,
  type ArtifactType,
  type ErrorIssue,
  type ExecutionId,
  type IsoTimestamp,
  type JsonObject,
  type JsonValue,
  type ModelPackage,
  type ModelPackageId,
  type PedigreeError,
  type StepAttempt,
  type StepExecution,
  type StepExecutionId,
  type StepStatus,
} from '@pedigree/domain';
import {
  computeImpact,
  computePaths,
  computeProvenance,
  decodeCursor,
  encodeCursor,
  normalizePageRequest,
  normalizeColumnLineageQuery,
  normalizeTraverseQuery,
  openLineageRecordIssues,
  requireOpenLineageDataset,
  requireOpenLineageRunId,
  type ArtifactInput,
  type EdgeInput,
  type GraphStore,
  type InvalidateCacheScope,
  type Page,
  type RecordStepResultInput,
  type StepArtifactLink,
  type TransitionStepInput,
} from '@pedigree/graph-store';
import type Database from 'better-sqlite3';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './connection.ts';
import { toPedigreeError } from './driver-errors.ts';
import {
  artifactIssues,
  checkArtifacts,
  isJsonObject,
  requireApprovalStatus,
  requireEnumList,
  requireExecutionStatus,
  requireIds,
  requireStepStatus,
  requireString,
  stepResultIssues,
} from './input-checks.ts';
import {
  nodeKindOf,
  toArtifact,
  toContext,
  toExecution,
  toModelPackage,
  toPipeline,
  toPipelineVersion,
  toStepExecution,
  type ApprovalRow,
  type ArtifactRow,
  type ContextRow,
  type ExecutionRow,
  type ModelPackageRow,
  type PipelineRow,
  type PipelineVersionRow,
  type StepExecutionRow,
} from './mappers.ts';
import {
  ARTIFACT_ID_KEY_FUNCTION,
  EDGE_TYPE_CODES,
  artifactIdKey,
  artifactIdOf,
  artifactKey,
  createNodeKeyLookup,
  nextNodeKeySql,
} from './node-keys.ts';
import { createOpenLineageTables, type OpenLineageTables } from './openlineage.ts';
import { createTraverser, type Traverser } from './traversal.ts';

/** The few log calls the adapter makes; pass a pino child logger or anything shaped like it. */
export interface SqliteStoreLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface SqliteGraphStoreOptions {
  /** Database file path, or `:memory:` for a private in-memory store (tests). */
  readonly path: string;
  /** How long a write waits for another process's lock before STORE_UNAVAILABLE; default 5,000 ms. */
  readonly busyTimeoutMs?: number;
  readonly logger?: SqliteStoreLogger;
  /**
   * `full` (default, what Pedigree promises): every committed write survives power loss, at the
   * cost of an fsync per write. `normal`: survives a process crash, but the last commits may be
   * lost on power loss; only for rebuildable data such as benchmark fixtures.
   */
  readonly durability?: 'full' | 'normal';
  /**
   * Group commit: at most this many write calls share one transaction (and its one fsync);
   * default 64. 1 gives every call its own transaction.
   */
  readonly maxBatchCalls?: number;
  /** Called after each group commit returned, before any of its calls settle (metrics, tests). */
  readonly onWriteBatch?: (batch: WriteBatchInfo) => void;
}

/** What one group commit did. */
export interface WriteBatchInfo {
  /** Write calls in the transaction, including those that failed and were rolled back to their savepoint. */
  readonly calls: number;
  readonly failed: number;
  /** From BEGIN IMMEDIATE to the end of COMMIT (its fsync included). */
  readonly durationMs: number;
}

/** Default bound on the write calls of one group commit. */
export const DEFAULT_MAX_BATCH_CALLS = 64;

/** A write call waiting for the next group commit. */
interface QueuedWrite {
  readonly operation: string;
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Until when the call waits for another process's write lock (its own busy timeout). */
  readonly deadline: number;
}

/** A call whose error made SQLite roll back the whole transaction (I/O, full disk): the batch is lost. */
class TransactionLost {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {}
}

/** Rows per multi-row INSERT of deferred edges and full-text entries. */
const ROWS_PER_INSERT = 64;

/** `INSERT ... VALUES (...), (...), ...` over a flat parameter list, with a statement cached per row count. */
class MultiRowInsert {
  readonly #byRows = new Map<number, Database.Statement>();
  constructor(
    private readonly prepare: (sql: string) => Database.Statement,
    private readonly head: string,
    private readonly tuple: string,
    private readonly width: number,
  ) {}

  #statement(rows: number): Database.Statement {
    let s = this.#byRows.get(rows);
    if (!s) {
      s = this.prepare(`${this.head} ${Array.from({ length: rows }, () => this.tuple).join(', ')}`);
      this.#byRows.set(rows, s);
    }
    return s;
  }

  run(params: readonly unknown[]): void {
    const chunk = ROWS_PER_INSERT * this.width;
    for (let i = 0; i < params.length; i += chunk) {
      const part = params.slice(i, i + chunk);
      this.#statement(part.length / this.width).run(part);
    }
  }
}

/**
 * Rows a write call inserts at its end, many per statement, still inside the call's savepoint.
 * Only rows nothing in the same call reads back: edges (the checks read steps and artifacts)
 * and full-text entries.
 */
interface DeferredRows {
  /** Flat (from_key, type code, to_key) triples. */
  readonly edges: number[];
  /** (rowid, name, uri, props) per artifact. */
  readonly fts: [number, string, string, string][];
}

const newDeferredRows = (): DeferredRows => ({ edges: [], fts: [] });

/**
 * Artifacts already upserted in the current transaction, by digest, then URI: two lookups by the
 * input's own strings (whose hashes V8 keeps) instead of one by a key concatenated per lookup.
 */
type KnownArtifacts = Map<string, Map<string, ArtifactRef>>;

/** An artifact upserted in the current call: its id and its seq (the rowid its node key is made of). */
interface ArtifactRef {
  readonly id: ArtifactId;
  readonly seq: number;
}

// Taken at load: a test that fakes timers later must not stall the store's commits.
const defer: (fn: () => void) => void = globalThis.setImmediate;

/** Full-text index input per artifact is capped: a 1 MB property must not make a 1 MB index entry. */
const FTS_PROPERTY_TEXT_MAX = 32 * 1024;

type Params = Record<string, unknown>;

/** `value` when given, else `current` (module level: a closure per step update showed in the ingest profile). */
function keep<T>(value: T | undefined, current: T): T {
  return value !== undefined ? value : current;
}

/** Columns a status change may write (never ids, names or start times). */
const UPDATABLE_STEP_COLUMNS = [
  'status',
  'attempt',
  'attempts',
  'ended_at',
  'failure_reason',
  'cache_key',
  'resolved_arguments',
  'cache_miss',
  'properties',
  'cache_hit',
  'reused_step_execution_id',
] as const satisfies readonly (keyof StepExecutionRow)[];

/** SQLite's own busy wait per attempt once the store is open; the adapter retries beyond it. */
const SQLITE_BUSY_SLICE_MS = 10;

function isBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function cursorParts(after: string | null, kinds: readonly ('s' | 'n')[]): (string | number)[] | null {
  if (after === null) return null;
  const parts = decodeCursor(after, kinds.length);
  kinds.forEach((k, i) => {
    if (typeof parts[i] !== (k === 's' ? 'string' : 'number'))
      throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
  });
  return parts;
}

function toPage<R, T>(rows: readonly R[], first: number, map: (row: R) => T, cursorOf: (row: R) => (string | number)[]): Page<T> {
  const slice = rows.slice(0, first);
  const last = slice[slice.length - 1];
  return { items: slice.map(map), endCursor: last === undefined ? null : encodeCursor(cursorOf(last)), hasNextPage: rows.length > first };
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function propertyText(value: JsonValue | undefined, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const v of Array.isArray(value) ? value : Object.values(value)) propertyText(v, out, budget);
    return;
  }
  const text = String(value).slice(0, budget.left);
  budget.left -= text.length + 1;
  out.push(text);
}

/** `word` -> a quoted FTS5 prefix query term; words with no letter or digit match nothing and are dropped. */
function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .map((w) => `"${w.replaceAll('"', '""')}"*`);
  return words.length === 0 ? null : words.join(' AND ');
}

/** The full-text `props` text of an artifact's properties. */
function ftsPropertyText(properties: JsonObject): string {
  const words: string[] = [];
  propertyText(properties, words, { left: FTS_PROPERTY_TEXT_MAX });
  return words.join(' ');
}

/** The caller-given time, or now. */
function atOrNow(at: IsoTimestamp | undefined): IsoTimestamp {
  return at ?? nowIso();
}

/** Opens (creating and migrating as needed) the embedded store at `path`. Throws STORE_UNAVAILABLE / STORE_CORRUPT. */
export function createSqliteGraphStore(options: SqliteGraphStoreOptions): GraphStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let db: Database.Database;
  try {
    db = openDatabase(options.path, busyTimeoutMs);
    if (options.durability === 'normal') db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw toPedigreeError(error, 'open');
  }
  // From here on the adapter retries busy transactions itself (see #transaction); SQLite's own
  // handler only covers the first few milliseconds.
  db.pragma(`busy_timeout = ${Math.min(busyTimeoutMs, SQLITE_BUSY_SLICE_MS)}`);
  return new SqliteGraphStore(db, options.logger, busyTimeoutMs, options);
}

class SqliteGraphStore implements GraphStore {
  readonly adapter = 'sqlite';
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #tx: Database.Transaction<(fn: () => unknown) => unknown>;
  readonly #traverser: Traverser;
  /** Node key by TEXT id (undefined when no such node). */
  readonly #nodeKey: (id: string) => number | undefined;
  readonly #openLineage: OpenLineageTables;
  readonly #logger: SqliteStoreLogger | undefined;

  readonly #busyTimeoutMs: number;
  readonly #maxBatchCalls: number;
  readonly #onWriteBatch: ((batch: WriteBatchInfo) => void) | undefined;
  /** Write calls waiting for the next group commit, in call order. */
  #queue: QueuedWrite[] = [];
  #flushScheduled = false;
  /** A group commit is running or waiting for another process's lock. */
  #flushing = false;
  readonly #control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', Database.Statement>;
  /** The per-row statements of an ingest, held directly (no cache lookup, no argument spreading). */
  readonly #hot: Record<'stepRow' | 'artifactSeq' | 'latestAtUri' | 'insertArtifact' | 'linkArtifact', Database.Statement>;
  readonly #insertEdges: MultiRowInsert;
  /** Step-row UPDATEs by the set of columns they write (see #stepUpdate). */
  readonly #stepUpdates = new Map<number, Database.Statement>();
  /** All of a call's full-text rows in one statement, see #insertDeferred. */
  readonly #insertFts: Database.Statement;

  constructor(
    db: Database.Database,
    logger: SqliteStoreLogger | undefined,
    busyTimeoutMs: number,
    batch: Pick<SqliteGraphStoreOptions, 'maxBatchCalls' | 'onWriteBatch'>,
  ) {
    this.#db = db;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#logger = logger;
    this.#maxBatchCalls = Math.max(1, Math.trunc(batch.maxBatchCalls ?? DEFAULT_MAX_BATCH_CALLS));
    this.#onWriteBatch = batch.onWriteBatch;
    this.#tx = db.transaction((fn: () => unknown): unknown => fn());
    this.#nodeKey = createNodeKeyLookup((sql) => this.#stmt(sql), nodeKindOf);
    this.#traverser = createTraverser((sql) => this.#stmt(sql), this.#nodeKey);
    this.#control = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT call'),
      release: db.prepare('RELEASE call'),
      rollbackTo: db.prepare('ROLLBACK TO call'),
    };
    const prepare = (sql: string): Database.Statement => this.#stmt(sql);
    this.#hot = {
      stepRow: prepare('SELECT * FROM step_executions WHERE id = ?'),
      // Existence first (one seek of the id index; most inputs of a batch exist), then the latest
      // earlier version at the URI, then a plain INSERT carrying the link: the row is written once.
      // (An INSERT ... SELECT that reads the table it writes makes SQLite stage the row in a temp
      // table first, and an UPDATE after the INSERT rewrote the row.)
      // By id_key + id (schema version 4): the key's index, then the row's id.
      artifactSeq: prepare('SELECT seq FROM artifacts WHERE id_key = ? AND id = ?').pluck(true),
      // The latest version at a URI as [seq, id] (raw: no row object).
      latestAtUri: prepare('SELECT seq, id FROM artifacts WHERE uri = ? ORDER BY created_at DESC, seq DESC LIMIT 1').raw(true),
      insertArtifact: prepare(
        `INSERT INTO artifacts (id, id_key, uri, digest, type, name, size, properties, created_at, previous_version_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      linkArtifact: prepare(
        `INSERT INTO step_artifacts (step_key, direction, name, artifact_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (step_key, direction, name) DO UPDATE SET artifact_seq = excluded.artifact_seq`,
      ),
    };
    this.#insertEdges = new MultiRowInsert(prepare, 'INSERT OR IGNORE INTO edges (from_key, type, to_key) VALUES', '(?, ?, ?)', 3);
    this.#insertFts = prepare(
      `INSERT INTO artifacts_fts (rowid, name, uri, props)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
    );
    this.#openLineage = createOpenLineageTables({ prepare, ftsText: ftsPropertyText });
  }

  /** Writes the rows a call deferred to its end. */
  #insertDeferred(rows: DeferredRows): void {
    if (rows.edges.length > 0) this.#insertEdges.run(rows.edges);
    // One statement for all of them: FTS5 writes its pending terms out as a new index segment at
    // every statement's savepoint, so 64-row INSERTs made ~20 small segments per call (and their
    // merges); one INSERT ... SELECT over a JSON array makes one.
    if (rows.fts.length > 0) this.#insertFts.run(json(rows.fts));
  }

  #stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  #get<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.#stmt(sql).get(...params) as R | undefined;
  }

  #all<R>(sql: string, ...params: unknown[]): R[] {
    return this.#stmt(sql).all(...params) as R[];
  }

  #run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.#stmt(sql).run(...params);
  }

  /**
   * Runs a read in its own deferred transaction (several statements share one snapshot),
   * retrying while another process holds a lock, until the busy timeout. SQLite's own busy
   * handler backs off to 100 ms sleeps, so against a process that writes back to back it can
   * starve for seconds; polling every few milliseconds from here (without blocking the event
   * loop) gets a turn within milliseconds. A read runs at once and synchronously, never inside a
   * group commit (those run start to COMMIT without yielding), so it sees committed state only.
   */
  async #read<T>(operation: string, fn: () => T): Promise<T> {
    const deadline = Date.now() + this.#busyTimeoutMs;
    for (;;) {
      try {
        if (this.#db.inTransaction) return fn();
        return this.#tx.deferred(fn) as T;
      } catch (error) {
        if (isBusy(error) && Date.now() < deadline) {
          await sleep(1 + Math.random() * 4);
          continue;
        }
        throw this.#mapError(error, operation);
      }
    }
  }

  #mapError(error: unknown, operation: string): PedigreeError {
    const mapped = toPedigreeError(error, operation);
    if (mapped.code === 'STORE_UNAVAILABLE') this.#logger?.warn({ operation, code: mapped.code }, mapped.message);
    return mapped;
  }

  /**
   * Queues a write for the next group commit. Every write call queued until the event loop's
   * next turn is applied in one BEGIN IMMEDIATE ... COMMIT, each call inside its own SAVEPOINT:
   * a call that throws is rolled back to its savepoint and rejects alone, its neighbours commit.
   * Promises settle only after COMMIT (and its fsync) returned, so durability per call is
   * unchanged; the fsync is shared. The write lock is taken up front (IMMEDIATE), so a batch
   * never fails half way on a lock upgrade.
   */
  #write<T>(operation: string, fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ operation, fn, resolve: resolve as (value: unknown) => void, reject, deadline: Date.now() + this.#busyTimeoutMs });
      this.#scheduleFlush();
    });
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#flushing || this.#queue.length === 0) return;
    this.#flushScheduled = true;
    // The next turn of the event loop, not a microtask: writes issued by I/O callbacks of the
    // same poll phase (steps finishing together) join the batch.
    defer(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  /** Runs group commits until the queue is empty, a bounded batch per event-loop turn. */
  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      let batch = this.#queue.splice(0, this.#maxBatchCalls);
      while (batch.length > 0) {
        try {
          const started = performance.now();
          const outcomes = this.#commitBatch(batch);
          const durationMs = performance.now() - started;
          const failed = outcomes.filter((o) => !o.ok).length;
          try {
            this.#onWriteBatch?.({ calls: batch.length, failed, durationMs });
          } catch {
            // An observer's failure is not the writers' failure.
          }
          if (batch.length > 1) this.#logger?.debug({ calls: batch.length, failed, durationMs }, 'group commit');
          batch.forEach((w, i) => {
            const o = outcomes[i]!;
            if (o.ok) w.resolve(o.value);
            else w.reject(this.#mapError(o.error, w.operation));
          });
          batch = [];
        } catch (error) {
          if (error instanceof TransactionLost) {
            // The failing call rejects; its neighbours were rolled back with it and run again.
            const failing = batch[error.index]!;
            if (isBusy(error.error)) {
              batch = await this.#waitForLock(batch);
            } else {
              failing.reject(this.#mapError(error.error, failing.operation));
              batch = batch.filter((_, i) => i !== error.index);
            }
            continue;
          }
          if (isBusy(error)) {
            batch = await this.#waitForLock(batch);
            continue;
          }
          // BEGIN or COMMIT failed: nothing of the batch was committed.
          for (const w of batch) w.reject(this.#mapError(error, w.operation));
          batch = [];
        }
      }
    } finally {
      this.#flushing = false;
      this.#scheduleFlush();
    }
  }

  /**
   * Another process holds the write lock: waits a few milliseconds (without blocking the event
   * loop), rejects the calls past their busy timeout with STORE_UNAVAILABLE, and tops the batch
   * up with calls queued meanwhile. Retrying is safe: the batch was rolled back whole.
   */
  async #waitForLock(batch: QueuedWrite[]): Promise<QueuedWrite[]> {
    const now = Date.now();
    const alive: QueuedWrite[] = [];
    for (const w of batch) {
      if (now < w.deadline) alive.push(w);
      else w.reject(this.#mapError(new StoreUnavailableError(`${w.operation}: the database is busy (SQLITE_BUSY); retry`), w.operation));
    }
    if (alive.length === 0) return this.#queue.splice(0, this.#maxBatchCalls);
    await sleep(1 + Math.random() * 4);
    return [...alive, ...this.#queue.splice(0, this.#maxBatchCalls - alive.length)];
  }

  /**
   * One group commit, synchronously from BEGIN to COMMIT: nothing else (no read, no other write)
   * can run in between, so no one ever sees another call's uncommitted changes. Returns each
   * call's outcome; throws when nothing was committed (busy at BEGIN, a failed COMMIT, or a
   * TransactionLost).
   */
  #commitBatch(batch: readonly QueuedWrite[]): ({ ok: true; value: unknown } | { ok: false; error: unknown })[] {
    const c = this.#control;
    c.begin.run();
    try {
      if (batch.length === 1) {
        // A lone call needs no savepoint: the transaction is the call. If it throws, ROLLBACK
        // leaves what ROLLBACK TO and an empty COMMIT would. This saves the savepoint's copy of
        // every page the call changes (its sub-journal) and a flush of pending full-text terms.
        let value: unknown;
        try {
          value = batch[0]!.fn();
        } catch (error) {
          if (!this.#db.inTransaction) throw new TransactionLost(0, error);
          c.rollback.run();
          if (isBusy(error)) throw new TransactionLost(0, error);
          return [{ ok: false, error }];
        }
        c.commit.run();
        return [{ ok: true, value }];
      }
      const outcomes = batch.map((w, index): { ok: true; value: unknown } | { ok: false; error: unknown } => {
        c.savepoint.run();
        try {
          const value = w.fn();
          c.release.run();
          return { ok: true, value };
        } catch (error) {
          if (!this.#db.inTransaction) throw new TransactionLost(index, error);
          c.rollbackTo.run();
          c.release.run();
          // A busy error inside a call (not expected once the lock is held): retry the batch.
          if (isBusy(error)) throw new TransactionLost(index, error);
          return { ok: false, error };
        }
      });
      c.commit.run();
      return outcomes;
    } catch (error) {
      if (this.#db.open && this.#db.inTransaction) c.rollback.run();
      throw error;
    }
  }

  async health() {
    try {
      const row = this.#get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      return { ok: true, adapter: this.adapter, schemaVersion: row?.v ?? null, message: 'ok' };
    } catch (error) {
      return { ok: false, adapter: this.adapter, schemaVersion: null, message: toPedigreeError(error, 'health').message };
    }
  }

  /** Waits for queued writes to commit (or fail), then closes the file. */
  async close(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing || this.#flushScheduled) await new Promise<void>((resolve) => defer(resolve));
    if (this.#db.open) this.#db.close();
  }

  // ---- pipelines -------------------------------------------------------------------------------

  upsertPipelineVersion: GraphStore['upsertPipelineVersion'] = (input) => {
    const issues: ErrorIssue[] = [];
    if (typeof input.pipelineName !== 'string' || input.pipelineName.length === 0)
      issues.push({ path: 'pipelineName', message: 'must be a non-empty string' });
    if (!isDigest(input.definitionHash)) issues.push({ path: 'definitionHash', message: 'must be sha256:<64 lowercase hex>' });
    if (!isJsonObject(input.definition)) issues.push({ path: 'definition', message: 'must be a JSON object' });
    if (issues.length > 0) return Promise.reject(new ValidationError('pipeline version', issues));
    const at = atOrNow(input.at);
    return this.#write('upsertPipelineVersion', () => {
      const existing = this.#get<PipelineVersionRow>(
        'SELECT * FROM pipeline_versions WHERE pipeline_name = ? AND definition_hash = ?',
        input.pipelineName,
        input.definitionHash,
      );
      if (existing) {
        const pipeline = this.#get<PipelineRow>('SELECT * FROM pipelines WHERE name = ?', input.pipelineName)!;
        return { pipeline: toPipeline(pipeline), version: toPipelineVersion(existing), created: false };
      }
      let pipeline = this.#get<PipelineRow>('SELECT * FROM pipelines WHERE name = ?', input.pipelineName);
      const nodeId = pipelineNodeIdFor(input.pipelineName);
      if (!pipeline) {
        this.#run(
          `INSERT INTO pipelines (name, node_id, description, created_at, latest_version, node_key) VALUES (?, ?, ?, ?, 0, ${nextNodeKeySql('Pipeline')})`,
          input.pipelineName,
          nodeId,
          input.description ?? null,
          at,
        );
      }
      const version = (pipeline?.latest_version ?? 0) + 1;
      const id = pipelineVersionIdFor(input.pipelineName, input.definitionHash);
      this.#run(
        `INSERT INTO pipeline_versions (id, pipeline_name, version, definition_hash, definition, created_at, node_key)
         VALUES (?, ?, ?, ?, ?, ?, ${nextNodeKeySql('PipelineVersion')})`,
        id,
        input.pipelineName,
        version,
        input.definitionHash,
        json(input.definition),
        at,
      );
      this.#run(
        'UPDATE pipelines SET latest_version = ?, description = COALESCE(?, description) WHERE name = ?',
        version,
        input.description ?? null,
        input.pipelineName,
      );
      this.#run(
        `INSERT OR IGNORE INTO edges (from_key, type, to_key)
         SELECT v.node_key, ${EDGE_TYPE_CODES.VERSION_OF}, p.node_key FROM pipeline_versions v, pipelines p WHERE v.id = ? AND p.node_id = ?`,
        id,
        nodeId,
      );
      pipeline = this.#get<PipelineRow>('SELECT * FROM pipelines WHERE name = ?', input.pipelineName)!;
      const row = this.#get<PipelineVersionRow>('SELECT * FROM pipeline_versions WHERE id = ?', id)!;
      return { pipeline: toPipeline(pipeline), version: toPipelineVersion(row), created: true };
    });
  };

  findPipeline: GraphStore['findPipeline'] = (name) =>
    this.#read('findPipeline', () => {
      const row = this.#get<PipelineRow>('SELECT * FROM pipelines WHERE name = ?', name);
      return row ? toPipeline(row) : null;
    });

  getPipeline: GraphStore['getPipeline'] = async (name) => {
    const p = await this.findPipeline(name);
    if (!p) throw new NotFoundError('Pipeline', name);
    return p;
  };

  listPipelines: GraphStore['listPipelines'] = async (query = {}) => {
    const { first, after } = normalizePageRequest(query);
    const cursor = cursorParts(after, ['s']);
    return this.#read('listPipelines', () => {
      const rows = this.#all<PipelineRow>(
        `SELECT * FROM pipelines WHERE (@after IS NULL OR name > @after) AND (@search IS NULL OR instr(lower(name), lower(@search)) > 0)
         ORDER BY name LIMIT @limit`,
        { after: cursor?.[0] ?? null, search: query.search ?? null, limit: first + 1 },
      );
      return toPage(rows, first, toPipeline, (r) => [r.name]);
    });
  };

  getPipelineVersion: GraphStore['getPipelineVersion'] = (id) =>
    this.#read('getPipelineVersion', () => {
      const row = this.#get<PipelineVersionRow>('SELECT * FROM pipeline_versions WHERE id = ?', id);
      if (!row) throw new NotFoundError('PipelineVersion', id);
      return toPipelineVersion(row);
    });

  findPipelineVersion: GraphStore['findPipelineVersion'] = (pipelineName, version) =>
    this.#read('findPipelineVersion', () => {
      const row = this.#get<PipelineVersionRow>(
        'SELECT * FROM pipeline_versions WHERE pipeline_name = ? AND version = ?',
        pipelineName,
        version,
      );
      return row ? toPipelineVersion(row) : null;
    });

  listPipelineVersions: GraphStore['listPipelineVersions'] = async (pipelineName, page) => {
    const { first, after } = normalizePageRequest(page);
    const cursor = cursorParts(after, ['n']);
    return this.#read('listPipelineVersions', () => {
      if (!this.#get('SELECT 1 FROM pipelines WHERE name = ?', pipelineName)) throw new NotFoundError('Pipeline', pipelineName);
      const rows = this.#all<PipelineVersionRow>(
        'SELECT * FROM pipeline_versions WHERE pipeline_name = @name AND (@after IS NULL OR version < @after) ORDER BY version DESC LIMIT @limit',
        { name: pipelineName, after: cursor?.[0] ?? null, limit: first + 1 },
      );
      return toPage(rows, first, toPipelineVersion, (r) => [r.version]);
    });
  };

  // ---- executions ------------------------------------------------------------------------------

  createExecution: GraphStore['createExecution'] = (input) => {
    const issues: ErrorIssue[] = [];
    if (input.id !== undefined && (typeof input.id !== 'string' || !input.id.startsWith('ex_')))
      issues.push({ path: 'id', message: 'must be an execution id (ex_...)' });
    if (!isJsonObject(input.parameters)) issues.push({ path: 'parameters', message: 'must be an object' });
    else {
      for (const [k, v] of Object.entries(input.parameters)) {
        if (!['string', 'number', 'boolean'].includes(typeof v))
          issues.push({ path: `parameters.${k}`, message: 'must be a string, number or boolean' });
      }
    }
    if (issues.length > 0) return Promise.reject(new ValidationError('execution', issues));
    const at = atOrNow(input.at);
    return this.#write('createExecution', () => {
      if (input.id) {
        const existing = this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', input.id);
        if (existing) return toExecution(existing);
      }
      const version = this.#get<PipelineVersionRow>('SELECT * FROM pipeline_versions WHERE id = ?', input.pipelineVersionId);
      if (!version) throw new NotFoundError('PipelineVersion', input.pipelineVersionId);
      const id = input.id ?? createExecutionId();
      this.#run(
        `INSERT INTO executions (id, pipeline_name, pipeline_version_id, status, parameters, started_at, ended_at, failure_reason, created_by, schedule_id, revision, node_key)
         VALUES (?, ?, ?, 'Executing', ?, ?, NULL, NULL, ?, ?, 1, ${nextNodeKeySql('PipelineExecution')})`,
        id,
        version.pipeline_name,
        version.id,
        json(input.parameters),
        at,
        input.createdBy ?? null,
        input.scheduleId ?? null,
      );
      this.#run(
        `INSERT OR IGNORE INTO edges (from_key, type, to_key)
         SELECT x.node_key, ${EDGE_TYPE_CODES.RUN_OF}, v.node_key FROM executions x, pipeline_versions v WHERE x.id = ? AND v.id = ?`,
        id,
        version.id,
      );
      return toExecution(this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', id)!);
    });
  };

  transitionExecution: GraphStore['transitionExecution'] = async (input) => {
    const from = requireExecutionStatus('from', input.from);
    const to = requireExecutionStatus('to', input.to);
    assertExecutionTransition(input.id, from, to);
    const at = atOrNow(input.at);
    return this.#write('transitionExecution', () => {
      const row = this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', input.id);
      if (!row) throw new NotFoundError('PipelineExecution', input.id);
      if (row.status !== from) {
        throw new ConflictError(`execution ${input.id} is ${row.status}, not ${from}: another writer changed it`, {
          id: input.id,
          expected: from,
          actual: row.status,
        });
      }
      const retry = to === 'Executing';
      const endedAt = TERMINAL_EXECUTION_STATUSES.has(to) ? at : retry ? null : row.ended_at;
      const failureReason = input.failureReason !== undefined ? input.failureReason : retry ? null : row.failure_reason;
      this.#run(
        'UPDATE executions SET status = ?, ended_at = ?, failure_reason = ?, revision = revision + 1 WHERE id = ? AND revision = ?',
        to,
        endedAt,
        failureReason,
        input.id,
        row.revision,
      );
      return toExecution(this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', input.id)!);
    });
  };

  getExecution: GraphStore['getExecution'] = (id) =>
    this.#read('getExecution', () => {
      const row = this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', id);
      if (!row) throw new NotFoundError('PipelineExecution', id);
      return toExecution(row);
    });

  getExecutionWithSteps: GraphStore['getExecutionWithSteps'] = (id) =>
    this.#read('getExecutionWithSteps', () => {
      const row = this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', id);
      if (!row) throw new NotFoundError('PipelineExecution', id);
      const steps = this.#all<StepExecutionRow>('SELECT * FROM step_executions WHERE execution_id = ? ORDER BY started_at, step_name', id);
      return { execution: toExecution(row), steps: steps.map(toStepExecution) };
    });

  listExecutions: GraphStore['listExecutions'] = async (query = {}) => {
    const { first, after } = normalizePageRequest(query);
    const cursor = cursorParts(after, ['s', 's']);
    const statuses = requireEnumList('statuses', query.statuses, EXECUTION_STATUSES);
    const where: string[] = [];
    const params: Params = { limit: first + 1 };
    const add = (clause: string, name: string, value: unknown): void => {
      if (value === undefined || value === null) return;
      where.push(clause);
      params[name] = value;
    };
    add('pipeline_name = @pipelineName', 'pipelineName', query.pipelineName);
    add('pipeline_version_id = @versionId', 'versionId', query.pipelineVersionId);
    add('status IN (SELECT value FROM json_each(@statuses))', 'statuses', statuses ? json(statuses) : undefined);
    add('started_at >= @startedAfter', 'startedAfter', query.startedAfter);
    add('started_at < @startedBefore', 'startedBefore', query.startedBefore);
    add('created_by = @createdBy', 'createdBy', query.createdBy);
    add('schedule_id = @scheduleId', 'scheduleId', query.scheduleId);
    if (cursor) {
      where.push('(started_at < @cStarted OR (started_at = @cStarted AND id < @cId))');
      params.cStarted = cursor[0];
      params.cId = cursor[1];
    }
    const sql = `SELECT * FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT @limit`;
    return this.#read('listExecutions', () =>
      toPage(this.#all<ExecutionRow>(sql, params), first, toExecution, (r) => [r.started_at, r.id]),
    );
  };

  // ---- step executions -------------------------------------------------------------------------

  createStepExecution: GraphStore['createStepExecution'] = async (input) => {
    requireString('stepName', input.stepName);
    if (!(STEP_TYPES as readonly unknown[]).includes(input.stepType))
      throw new InvalidArgumentError('stepType', `unknown step type ${JSON.stringify(input.stepType)}`);
    if (input.status !== 'Starting' && input.status !== 'Skipped') throw new InvalidArgumentError('status', 'must be Starting or Skipped');
    const at = atOrNow(input.at);
    return this.#write('createStepExecution', () => {
      const existing = this.#get<StepExecutionRow>(
        'SELECT * FROM step_executions WHERE execution_id = ? AND step_name = ?',
        input.executionId,
        input.stepName,
      );
      if (existing) return toStepExecution(existing);
      const execution = this.#get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', input.executionId);
      if (!execution) throw new NotFoundError('PipelineExecution', input.executionId);
      const id = createStepExecutionId();
      const starting = input.status === 'Starting';
      const attempts: StepAttempt[] = starting
        ? [{ attempt: 1, status: 'Starting', startedAt: at, endedAt: null, failureReason: null, failureKind: null, exitCode: null }]
        : [];
      this.#run(
        `INSERT INTO step_executions (id, execution_id, pipeline_name, step_name, step_type, status, attempt, attempts, started_at, ended_at, revision, node_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ${nextNodeKeySql('StepExecution')})`,
        id,
        input.executionId,
        execution.pipeline_name,
        input.stepName,
        input.stepType,
        input.status,
        starting ? 1 : 0,
        json(attempts),
        at,
        starting ? null : at,
      );
      this.#run(
        `INSERT OR IGNORE INTO edges (from_key, type, to_key)
         SELECT s.node_key, ${EDGE_TYPE_CODES.PART_OF}, x.node_key FROM step_executions s, executions x WHERE s.id = ? AND x.id = ?`,
        id,
        input.executionId,
      );
      return toStepExecution(this.#stepRow(id)!);
    });
  };

  #stepRow(id: string): StepExecutionRow | undefined {
    return this.#hot.stepRow.get(id) as StepExecutionRow | undefined;
  }

  /** Applies a status change to a step row (attempt bookkeeping) and writes it; the caller has checked `from`. */
  #applyStepStatus(
    row: StepExecutionRow,
    to: StepStatus,
    at: IsoTimestamp,
    change: Omit<TransitionStepInput, 'id' | 'from' | 'to' | 'at'> & {
      readonly properties?: JsonObject | null;
      readonly reusedStepExecutionId?: StepExecutionId | null;
    },
  ): StepExecutionRow {
    const attempts = JSON.parse(row.attempts) as StepAttempt[];
    let attempt = row.attempt;
    let endedAt = row.ended_at;
    let failureReason = row.failure_reason;
    if (to === 'Starting') {
      // A new attempt: the previous one ends now if it had not already.
      const last = attempts[attempts.length - 1];
      if (last && last.endedAt === null) attempts[attempts.length - 1] = { ...last, endedAt: at };
      attempt += 1;
      attempts.push({ attempt, status: 'Starting', startedAt: at, endedAt: null, failureReason: null, failureKind: null, exitCode: null });
      endedAt = null;
      failureReason = null;
    } else {
      const terminal = TERMINAL_STEP_STATUSES.has(to);
      const last = attempts[attempts.length - 1];
      if (last) {
        attempts[attempts.length - 1] = {
          ...last,
          status: to,
          endedAt: terminal ? at : last.endedAt,
          failureReason: change.failureReason !== undefined ? change.failureReason : last.failureReason,
          failureKind: change.failureKind !== undefined ? change.failureKind : last.failureKind,
          exitCode: change.exitCode !== undefined ? change.exitCode : last.exitCode,
        };
      }
      if (terminal) endedAt = at;
      if (change.failureReason !== undefined) failureReason = change.failureReason;
    }
    const next: StepExecutionRow = {
      ...row,
      status: to,
      attempt,
      attempts: json(attempts),
      ended_at: endedAt,
      failure_reason: failureReason,
      cache_key: keep(change.cacheKey, row.cache_key),
      resolved_arguments:
        change.resolvedArguments !== undefined
          ? change.resolvedArguments === null
            ? null
            : json(change.resolvedArguments)
          : row.resolved_arguments,
      cache_miss: change.cacheMiss !== undefined ? (change.cacheMiss === null ? null : json(change.cacheMiss)) : row.cache_miss,
      properties: change.properties !== undefined && change.properties !== null ? json(change.properties) : row.properties,
      cache_hit: to === 'Cached' ? 1 : row.cache_hit,
      reused_step_execution_id: keep(change.reusedStepExecutionId, row.reused_step_execution_id),
      revision: row.revision + 1,
    };
    // The hottest update of an ingest: only the columns that change are written (an unchanged
    // indexed or foreign-key column still costs its index or parent lookup), positionally, and
    // without RETURNING since the new row is known here. Statements are cached per column set.
    let mask = 0;
    const values: unknown[] = [];
    for (let i = 0; i < UPDATABLE_STEP_COLUMNS.length; i += 1) {
      const c = UPDATABLE_STEP_COLUMNS[i]!;
      if (next[c] !== row[c]) {
        mask |= 1 << i;
        values.push(next[c]);
      }
    }
    values.push(next.revision, row.id, row.revision);
    const changed = this.#stepUpdate(mask).run(values).changes;
    if (changed !== 1) throw new ConflictError(`step execution ${row.id} changed while it was being updated`, { id: row.id });
    return next;
  }

  /** The UPDATE of a step row writing the columns in `mask` (bit i: UPDATABLE_STEP_COLUMNS[i]), then revision, by id and revision. */
  #stepUpdate(mask: number): Database.Statement {
    let statement = this.#stepUpdates.get(mask);
    if (statement === undefined) {
      const columns = UPDATABLE_STEP_COLUMNS.filter((_, i) => (mask & (1 << i)) !== 0);
      statement = this.#stmt(
        `UPDATE step_executions SET ${columns.map((c) => `${c} = ?, `).join('')}revision = ? WHERE id = ? AND revision = ?`,
      );
      this.#stepUpdates.set(mask, statement);
    }
    return statement;
  }

  transitionStep: GraphStore['transitionStep'] = async (input) => {
    const from = requireStepStatus('from', input.from);
    const to = requireStepStatus('to', input.to);
    assertStepTransition(input.id, from, to);
    const at = atOrNow(input.at);
    return this.#write('transitionStep', () => {
      const row = this.#stepRow(input.id);
      if (!row) throw new NotFoundError('StepExecution', input.id);
      if (row.status !== from) {
        throw new ConflictError(`step execution ${input.id} is ${row.status}, not ${from}: another writer changed it`, {
          id: input.id,
          expected: from,
          actual: row.status,
        });
      }
      return toStepExecution(this.#applyStepStatus(row, to, at, input));
    });
  };

  /** One step result inside the caller's write transaction; edges and full-text rows go to `deferred`. */
  #recordOne(input: RecordStepResultInput, deferred: DeferredRows, now: IsoTimestamp, known?: KnownArtifacts): StepExecution {
    const at = input.at ?? now;
    const row = this.#stepRow(input.stepExecutionId);
    if (!row) throw new NotFoundError('StepExecution', input.stepExecutionId);
    if (row.status === input.status && row.status !== input.from) {
      const wanted = [
        ...input.inputs.map((c) => ({ direction: 'input', name: c.name, id: artifactIdFor(c.artifact.uri, c.artifact.digest) })),
        ...input.outputs.map((c) => ({ direction: 'output', name: c.name, id: artifactIdFor(c.artifact.uri, c.artifact.digest) })),
      ];
      // A replay of a result already recorded (a retried call): return it unchanged if identical.
      const stored = this.#all<{ direction: string; name: string; artifact_id: string }>(
        'SELECT sa.direction, sa.name, a.id AS artifact_id FROM step_artifacts sa JOIN artifacts a ON a.seq = sa.artifact_seq WHERE sa.step_key = ?',
        row.node_key,
      );
      const key = (d: string, n: string, id: string): string => `${d}\u0000${n}\u0000${id}`;
      const storedKeys = new Set(stored.map((s) => key(s.direction, s.name, s.artifact_id)));
      const same =
        stored.length === wanted.length &&
        wanted.every((w) => storedKeys.has(key(w.direction, w.name, w.id))) &&
        (input.status !== 'Cached' || row.reused_step_execution_id === input.reusedStepExecutionId);
      if (same) return toStepExecution(row);
      throw new ConflictError(`step execution ${row.id} already recorded a different ${row.status} result`, {
        id: row.id,
        status: row.status,
      });
    }
    if (row.status !== input.from) {
      throw new ConflictError(`step execution ${row.id} is ${row.status}, not ${input.from}: another writer changed it`, {
        id: row.id,
        expected: input.from,
        actual: row.status,
      });
    }
    assertStepTransition(row.id, row.status as StepStatus, input.status);
    let reusedKey: number | undefined;
    if (input.status === 'Cached') {
      reusedKey = this.#get<{ node_key: number }>(
        'SELECT node_key FROM step_executions WHERE id = ?',
        input.reusedStepExecutionId,
      )?.node_key;
      if (reusedKey === undefined) throw new NotFoundError('StepExecution', input.reusedStepExecutionId!);
    }
    const link = this.#hot.linkArtifact;
    const stepKey = row.node_key;
    for (const c of input.inputs) {
      const a = this.#ensureArtifact(c.artifact, at, deferred, known);
      link.run(stepKey, 'input', c.name, a.seq);
      deferred.edges.push(artifactKey(a.seq), EDGE_TYPE_CODES.CONSUMED_BY, stepKey);
    }
    for (const c of input.outputs) {
      const a = this.#ensureArtifact(c.artifact, at, deferred, known);
      link.run(stepKey, 'output', c.name, a.seq);
      deferred.edges.push(stepKey, EDGE_TYPE_CODES.PRODUCED, artifactKey(a.seq));
    }
    if (reusedKey !== undefined) deferred.edges.push(stepKey, EDGE_TYPE_CODES.REUSED, reusedKey);
    const updated = this.#applyStepStatus(row, input.status, at, {
      failureReason: input.failureReason,
      failureKind: input.failureKind,
      exitCode: input.exitCode,
      cacheKey: input.cacheKey,
      resolvedArguments: input.resolvedArguments,
      properties: input.properties,
      reusedStepExecutionId: input.status === 'Cached' ? input.reusedStepExecutionId : undefined,
    });
    return toStepExecution(updated);
  }

  recordStepResult: GraphStore['recordStepResult'] = (input) => {
    const issues = stepResultIssues(input);
    if (issues.length > 0) return Promise.reject(new ValidationError('step result', issues));
    return this.#write('recordStepResult', () => {
      const deferred = newDeferredRows();
      const result = this.#recordOne(input, deferred, nowIso());
      this.#insertDeferred(deferred);
      return result;
    });
  };

  recordStepResults: GraphStore['recordStepResults'] = (inputs) => {
    if (!Array.isArray(inputs)) return Promise.reject(new InvalidArgumentError('inputs', 'must be a list of step results'));
    // Checked without paths first; the paths (`[i].inputs[0].artifact.digest`) are built only for a result with problems.
    const issues = inputs.flatMap((input, i) => (stepResultIssues(input).length === 0 ? [] : stepResultIssues(input, `[${i}]`)));
    if (issues.length > 0) return Promise.reject(new ValidationError('step results', issues));
    return this.#write('recordStepResults', () => {
      const known: KnownArtifacts = new Map();
      const deferred = newDeferredRows();
      // One clock reading for the call: its results are recorded in one transaction.
      const now = nowIso();
      const results = inputs.map((input) => this.#recordOne(input, deferred, now, known));
      this.#insertDeferred(deferred);
      return results;
    });
  };

  getStepExecution: GraphStore['getStepExecution'] = (id) =>
    this.#read('getStepExecution', () => {
      const row = this.#stepRow(id);
      if (!row) throw new NotFoundError('StepExecution', id);
      return toStepExecution(row);
    });

  listStepExecutionsByExecution: GraphStore['listStepExecutionsByExecution'] = async (executionIds) => {
    const ids = requireIds('executionIds', executionIds) as ExecutionId[];
    return this.#read('listStepExecutionsByExecution', () => {
      const rows = this.#all<StepExecutionRow>(
        'SELECT * FROM step_executions WHERE execution_id IN (SELECT value FROM json_each(?)) ORDER BY started_at, step_name',
        json(ids),
      );
      const map = new Map<ExecutionId, StepExecution[]>(ids.map((id) => [id, []]));
      for (const row of rows) map.get(row.execution_id as ExecutionId)?.push(toStepExecution(row));
      return map;
    });
  };

  listStepArtifacts: GraphStore['listStepArtifacts'] = async (stepExecutionIds) => {
    const ids = requireIds('stepExecutionIds', stepExecutionIds);
    return this.#read('listStepArtifacts', () => {
      const rows = this.#all<ArtifactRow & { step_execution_id: string; direction: 'input' | 'output'; channel: string }>(
        `SELECT s.id AS step_execution_id, sa.direction, sa.name AS channel, a.* FROM (SELECT DISTINCT value FROM json_each(?)) v
           CROSS JOIN step_executions s ON s.id = v.value
           CROSS JOIN step_artifacts sa ON sa.step_key = s.node_key
           CROSS JOIN artifacts a ON a.seq = sa.artifact_seq`,
        json(ids),
      );
      const order = new Map(ids.map((id, i) => [id, i]));
      rows.sort(
        (a, b) =>
          order.get(a.step_execution_id)! - order.get(b.step_execution_id)! ||
          (a.direction === b.direction ? 0 : a.direction === 'input' ? -1 : 1) ||
          (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
      );
      return rows.map((r): StepArtifactLink => ({
        stepExecutionId: r.step_execution_id as StepExecutionId,
        direction: r.direction,
        name: r.channel,
        artifact: toArtifact(r),
      }));
    });
  };

  // ---- artifacts -------------------------------------------------------------------------------

  /**
   * Inserts the artifact unless the same (uri, digest) exists, linking the latest earlier version
   * at the URI; returns its id and seq. `known` memoizes digest -> uri -> both for artifacts already upserted
   * in the current transaction (a batch mentions most artifacts twice: produced, then consumed).
   */
  #ensureArtifact(input: ArtifactInput, at: IsoTimestamp, deferred: DeferredRows, known?: KnownArtifacts): ArtifactRef {
    const atDigest = known?.get(input.digest);
    const seen = atDigest?.get(input.uri);
    if (seen !== undefined) return seen;
    const id = artifactIdOf(input.uri, input.digest);
    // Check, then insert: artifacts.id has no unique index (schema version 4), so this check
    // under the write lock (every write runs in a BEGIN IMMEDIATE group commit) is what keeps one
    // row per id, i.e. per (uri, digest). The latest version at the URI comes first: when there is
    // none (a new URI, most new artifacts) the artifact cannot exist, and when it is this very
    // artifact (re-declared) its seq is at hand; only an older version needs the lookup by id.
    const latest = this.#hot.latestAtUri.get(input.uri) as [number, string] | undefined;
    let seq =
      latest === undefined
        ? undefined
        : latest[1] === id
          ? latest[0]
          : (this.#hot.artifactSeq.get(artifactIdKey(id), id) as number | undefined);
    if (seq === undefined) {
      const properties = input.properties ?? {};
      const previous = latest === undefined ? null : latest[1];
      seq = Number(
        this.#hot.insertArtifact.run(
          id,
          artifactIdKey(id),
          input.uri,
          input.digest,
          input.type,
          input.name,
          input.size,
          json(properties),
          input.createdAt ?? at,
          previous,
        ).lastInsertRowid,
      );
      const words: string[] = [];
      propertyText(properties, words, { left: FTS_PROPERTY_TEXT_MAX });
      deferred.fts.push([seq, input.name, input.uri, words.join(' ')]);
    }
    const ref: ArtifactRef = { id, seq };
    if (atDigest !== undefined) atDigest.set(input.uri, ref);
    else known?.set(input.digest, new Map([[input.uri, ref]]));
    return ref;
  }

  #artifactRow(id: string): ArtifactRow | undefined {
    return this.#get<ArtifactRow>('SELECT * FROM artifacts WHERE id_key = ? AND id = ?', artifactIdKey(id), id);
  }

  upsertArtifact: GraphStore['upsertArtifact'] = async (input) => {
    const issues = artifactIssues(input, '');
    if (issues.length > 0)
      throw new ValidationError(
        'artifact',
        issues.map((i) => ({ ...i, path: i.path.replace(/^\./, '') })),
      );
    const at = nowIso();
    return this.#write('upsertArtifact', () => {
      const deferred = newDeferredRows();
      const { id } = this.#ensureArtifact(input, at, deferred);
      this.#insertDeferred(deferred);
      return toArtifact(this.#artifactRow(id)!);
    });
  };

  upsertArtifacts: GraphStore['upsertArtifacts'] = async (inputs) => {
    checkArtifacts(inputs);
    const at = nowIso();
    return this.#write('upsertArtifacts', () => {
      const deferred = newDeferredRows();
      const ids = inputs.map((input) => this.#ensureArtifact(input, at, deferred).id);
      this.#insertDeferred(deferred);
      return ids.map((id) => toArtifact(this.#artifactRow(id)!));
    });
  };

  getArtifact: GraphStore['getArtifact'] = (id) =>
    this.#read('getArtifact', () => {
      const row = this.#artifactRow(id);
      if (!row) throw new NotFoundError('Artifact', id);
      return toArtifact(row);
    });

  getArtifacts: GraphStore['getArtifacts'] = async (ids) => {
    requireIds('ids', ids);
    return this.#read('getArtifacts', () => {
      const rows = this.#all<ArtifactRow>(
        `SELECT a.* FROM (SELECT DISTINCT value FROM json_each(?)) v
           CROSS JOIN artifacts a ON a.id_key = ${ARTIFACT_ID_KEY_FUNCTION}(v.value) AND a.id = v.value`,
        json(ids),
      );
      const byId = new Map(rows.map((r) => [r.id, toArtifact(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  };

  findArtifact: GraphStore['findArtifact'] = async (query) => {
    requireString('uri', query.uri);
    return this.#read('findArtifact', () => {
      const row =
        query.digest != null
          ? this.#artifactRow(artifactIdFor(query.uri, query.digest))
          : this.#get<ArtifactRow>('SELECT * FROM artifacts WHERE uri = ? ORDER BY created_at DESC, seq DESC LIMIT 1', query.uri);
      return row ? toArtifact(row) : null;
    });
  };

  listArtifacts: GraphStore['listArtifacts'] = async (query = {}) => {
    const { first, after } = normalizePageRequest(query);
    const cursor = cursorParts(after, ['s', 's']);
    const types = requireEnumList<ArtifactType>('types', query.types, ARTIFACT_TYPES);
    const where: string[] = [];
    const params: Params = { limit: first + 1 };
    if (types) {
      where.push('type IN (SELECT value FROM json_each(@types))');
      params.types = json(types);
    }
    if (query.name !== undefined && query.name !== null) {
      where.push('instr(lower(name), lower(@name)) > 0');
      params.name = query.name;
    }
    if (query.uriPrefix !== undefined && query.uriPrefix !== null && query.uriPrefix !== '') {
      // A range on the uri index, then an exact prefix check.
      where.push('uri >= @prefix AND uri < @prefix || char(1114111) AND substr(uri, 1, length(@prefix)) = @prefix');
      params.prefix = query.uriPrefix;
    }
    if (query.createdAfter) {
      where.push('created_at >= @createdAfter');
      params.createdAfter = query.createdAfter;
    }
    if (query.createdBefore) {
      where.push('created_at < @createdBefore');
      params.createdBefore = query.createdBefore;
    }
    if (cursor) {
      where.push('(created_at < @cCreated OR (created_at = @cCreated AND id < @cId))');
      params.cCreated = cursor[0];
      params.cId = cursor[1];
    }
    const sql = `SELECT * FROM artifacts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return this.#read('listArtifacts', () => toPage(this.#all<ArtifactRow>(sql, params), first, toArtifact, (r) => [r.created_at, r.id]));
  };

  searchArtifacts: GraphStore['searchArtifacts'] = async (query) => {
    if (typeof query?.text !== 'string' || query.text.trim().length === 0)
      throw new InvalidArgumentError('text', 'must contain at least one word');
    const { first, after } = normalizePageRequest(query);
    const cursor = cursorParts(after, ['s', 'n']);
    if (cursor && cursor[0] !== 'search') throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
    const offset = (cursor?.[1] as number | undefined) ?? 0;
    if (!Number.isInteger(offset) || offset < 0) throw new InvalidArgumentError('after', 'is not a cursor returned by this query');
    const types = requireEnumList<ArtifactType>('types', query.types, ARTIFACT_TYPES);
    const match = ftsQuery(query.text);
    if (match === null) return { items: [], endCursor: null, hasNextPage: false };
    // Ranked results have no stable keyset, so the cursor is an offset into the ranking.
    return this.#read('searchArtifacts', () => {
      const rows = this.#all<ArtifactRow>(
        `SELECT a.* FROM artifacts_fts f JOIN artifacts a ON a.seq = f.rowid
         WHERE artifacts_fts MATCH @match AND (@types IS NULL OR a.type IN (SELECT value FROM json_each(@types)))
         ORDER BY f.rank, a.seq LIMIT @limit OFFSET @offset`,
        { match, types: types ? json(types) : null, limit: first + 1, offset },
      );
      const page = toPage(rows, first, toArtifact, () => ['search', offset + Math.min(rows.length, first)]);
      return page;
    });
  };

  getArtifactProducers: GraphStore['getArtifactProducers'] = async (ids) => {
    requireIds('ids', ids);
    return this.#read('getArtifactProducers', () => {
      // The original producer wins over cache hits that re-declared the same outputs.
      const rows = this.#all<StepExecutionRow & { artifact_id: string }>(
        `SELECT a.id AS artifact_id, s.* FROM (SELECT DISTINCT value FROM json_each(?)) v
           CROSS JOIN artifacts a ON a.id_key = ${ARTIFACT_ID_KEY_FUNCTION}(v.value) AND a.id = v.value
           CROSS JOIN edges e ON e.to_key = a.seq * 16 AND e.type = ${EDGE_TYPE_CODES.PRODUCED}
           CROSS JOIN step_executions s ON s.node_key = e.from_key
         ORDER BY s.cache_hit, s.started_at, s.id`,
        json(ids),
      );
      const byArtifact = new Map<string, StepExecution>();
      for (const r of rows) if (!byArtifact.has(r.artifact_id)) byArtifact.set(r.artifact_id, toStepExecution(r));
      return ids.map((id) => byArtifact.get(id) ?? null);
    });
  };

  recordEdges: GraphStore['recordEdges'] = async (edges) => {
    if (!Array.isArray(edges)) throw new InvalidArgumentError('edges', 'must be a list');
    const issues: ErrorIssue[] = [];
    edges.forEach((e: EdgeInput, i: number) => {
      if (e?.type !== 'DERIVED_FROM' && e?.type !== 'ASSOCIATED_WITH') {
        issues.push({ path: `[${i}].type`, message: 'must be DERIVED_FROM or ASSOCIATED_WITH' });
        return;
      }
      const ends = EDGE_ENDPOINTS[e.type];
      const fromKind = typeof e.from === 'string' ? nodeKindOf(e.from) : null;
      const toKind = typeof e.to === 'string' ? nodeKindOf(e.to) : null;
      if (fromKind === null || !ends.from.includes(fromKind))
        issues.push({ path: `[${i}].from`, message: `must be the id of a ${ends.from.join(' or ')}` });
      if (toKind === null || !ends.to.includes(toKind))
        issues.push({ path: `[${i}].to`, message: `must be the id of a ${ends.to.join(' or ')}` });
    });
    if (issues.length > 0) throw new ValidationError('edges', issues);
    return this.#write('recordEdges', () => {
      const ids = [...new Set(edges.flatMap((e: EdgeInput) => [e.from, e.to]))];
      const keyOf = new Map(ids.map((id) => [id, this.#nodeKey(id)]));
      const missing = ids.filter((id) => keyOf.get(id) === undefined);
      if (missing.length > 0) throw new NotFoundError('LineageNode', missing);
      for (const e of edges as readonly EdgeInput[])
        this.#run(
          'INSERT OR IGNORE INTO edges (from_key, type, to_key, name) VALUES (?, ?, ?, ?)',
          keyOf.get(e.from),
          EDGE_TYPE_CODES[e.type],
          keyOf.get(e.to),
          e.name ?? null,
        );
    });
  };

  // ---- cache -----------------------------------------------------------------------------------

  findCacheHit: GraphStore['findCacheHit'] = async (query) => {
    requireString('cacheKey', query.cacheKey);
    return this.#read('findCacheHit', () => {
      const row = this.#get<StepExecutionRow>(
        `SELECT * FROM step_executions WHERE cache_key = @key AND status = 'Succeeded' AND invalidated = 0
           AND (@notBefore IS NULL OR ended_at >= @notBefore) AND (@exclude IS NULL OR execution_id <> @exclude)
         ORDER BY ended_at DESC, id DESC LIMIT 1`,
        { key: query.cacheKey, notBefore: query.notBefore ?? null, exclude: query.excludeExecutionId ?? null },
      );
      if (!row) return null;
      const outputs = this.#all<ArtifactRow & { channel: string }>(
        `SELECT sa.name AS channel, a.* FROM step_artifacts sa JOIN artifacts a ON a.seq = sa.artifact_seq
         WHERE sa.step_key = ? AND sa.direction = 'output' ORDER BY sa.name`,
        row.node_key,
      );
      return { stepExecution: toStepExecution(row), outputs: outputs.map((o) => ({ name: o.channel, artifact: toArtifact(o) })) };
    });
  };

  findNearestStepExecution: GraphStore['findNearestStepExecution'] = async (query) => {
    requireString('pipelineName', query.pipelineName);
    requireString('stepName', query.stepName);
    return this.#read('findNearestStepExecution', () => {
      const row = this.#get<StepExecutionRow>(
        `SELECT * FROM step_executions WHERE pipeline_name = @pipeline AND step_name = @step AND cache_key IS NOT NULL
           AND (@before IS NULL OR started_at < @before) AND (@exclude IS NULL OR execution_id <> @exclude)
         ORDER BY started_at DESC, id DESC LIMIT 1`,
        { pipeline: query.pipelineName, step: query.stepName, before: query.before ?? null, exclude: query.excludeExecutionId ?? null },
      );
      return row ? toStepExecution(row) : null;
    });
  };

  invalidateCache: GraphStore['invalidateCache'] = async (scope: InvalidateCacheScope) => {
    if (!isJsonObject(scope)) throw new InvalidArgumentError('scope', 'must be an object');
    const reusable = "status = 'Succeeded' AND invalidated = 0";
    return this.#write('invalidateCache', () => {
      let rows: { id: string }[];
      if ('stepExecutionId' in scope) {
        if (!this.#stepRow(scope.stepExecutionId)) throw new NotFoundError('StepExecution', scope.stepExecutionId);
        rows = this.#all(`UPDATE step_executions SET invalidated = 1 WHERE id = ? AND ${reusable} RETURNING id`, scope.stepExecutionId);
      } else if ('executionId' in scope) {
        requireString('stepName', scope.stepName);
        if (!this.#get('SELECT 1 FROM executions WHERE id = ?', scope.executionId))
          throw new NotFoundError('PipelineExecution', scope.executionId);
        rows = this.#all(
          `UPDATE step_executions SET invalidated = 1 WHERE execution_id = ? AND step_name = ? AND ${reusable} RETURNING id`,
          scope.executionId,
          scope.stepName,
        );
      } else if ('pipelineName' in scope) {
        if (!this.#get('SELECT 1 FROM pipelines WHERE name = ?', scope.pipelineName))
          throw new NotFoundError('Pipeline', scope.pipelineName);
        rows = this.#all(
          `UPDATE step_executions SET invalidated = 1 WHERE pipeline_name = ? AND ${reusable} RETURNING id`,
          scope.pipelineName,
        );
      } else if ('artifactId' in scope) {
        const artifactKeys = [artifactIdKey(scope.artifactId), scope.artifactId] as const;
        if (!this.#get('SELECT 1 FROM artifacts WHERE id_key = ? AND id = ?', ...artifactKeys))
          throw new NotFoundError('Artifact', scope.artifactId);
        // Everything downstream along the data flow, unbounded: UNION keeps a visited set, so cycles end.
        rows = this.#all(
          `WITH RECURSIVE down(key) AS (
             SELECT seq * 16 FROM artifacts WHERE id_key = ? AND id = ? UNION
             SELECT e.to_key FROM down CROSS JOIN edges e ON e.from_key = down.key
             WHERE e.type IN (${EDGE_TYPE_CODES.CONSUMED_BY}, ${EDGE_TYPE_CODES.PRODUCED}, ${EDGE_TYPE_CODES.DERIVED_FROM})
           )
           UPDATE step_executions SET invalidated = 1 WHERE node_key IN (SELECT key FROM down) AND ${reusable} RETURNING id`,
          ...artifactKeys,
        );
      } else {
        throw new InvalidArgumentError(
          'scope',
          'must name a stepExecutionId, an executionId with stepName, a pipelineName or an artifactId',
        );
      }
      return { invalidatedStepExecutionIds: rows.map((r) => r.id as StepExecutionId).sort() };
    });
  };

  // ---- model packages and contexts -------------------------------------------------------------

  #packages(rows: readonly ModelPackageRow[]): ModelPackage[] {
    if (rows.length === 0) return [];
    const approvals = this.#all<ApprovalRow>(
      'SELECT * FROM approvals WHERE package_id IN (SELECT value FROM json_each(?)) ORDER BY package_id, seq',
      json(rows.map((r) => r.id)),
    );
    const byPackage = new Map<string, ApprovalRow[]>();
    for (const a of approvals) {
      const list = byPackage.get(a.package_id);
      if (list) list.push(a);
      else byPackage.set(a.package_id, [a]);
    }
    return rows.map((r) => toModelPackage(r, byPackage.get(r.id) ?? []));
  }

  registerModelPackage: GraphStore['registerModelPackage'] = async (input) => {
    requireString('group', input.group);
    requireString('by', input.by);
    requireApprovalStatus('approvalStatus', input.approvalStatus);
    if (input.metrics !== undefined && !isJsonObject(input.metrics))
      throw new ValidationError('model package', [{ path: 'metrics', message: 'must be a JSON object' }]);
    const at = atOrNow(input.at);
    return this.#write('registerModelPackage', () => {
      // model_packages has no foreign key to artifacts (schema version 4): this check, in the
      // same write transaction as the insert, is what keeps a package's artifact existing.
      const artifactSeq = this.#hot.artifactSeq.get(artifactIdKey(input.modelArtifactId), input.modelArtifactId) as number | undefined;
      if (artifactSeq === undefined) throw new NotFoundError('Artifact', input.modelArtifactId);
      if (input.stepExecutionId && !this.#stepRow(input.stepExecutionId)) throw new NotFoundError('StepExecution', input.stepExecutionId);
      const existing = this.#get<ModelPackageRow>(
        'SELECT * FROM model_packages WHERE group_name = ? AND model_artifact_id = ?',
        input.group,
        input.modelArtifactId,
      );
      if (existing) return { modelPackage: this.#packages([existing])[0]!, created: false };
      const version = this.#get<{ v: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM model_packages WHERE group_name = ?',
        input.group,
      )!.v;
      const id = createModelPackageId();
      this.#run(
        `INSERT INTO model_packages (id, group_name, version, approval_status, model_artifact_id, step_execution_id, description, metrics, created_at, node_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ${nextNodeKeySql('ModelPackage')})`,
        id,
        input.group,
        version,
        input.approvalStatus,
        input.modelArtifactId,
        input.stepExecutionId ?? null,
        input.description ?? null,
        json(input.metrics ?? {}),
        at,
      );
      this.#run(
        'INSERT INTO approvals (package_id, seq, status, by_whom, at, comment) VALUES (?, 1, ?, ?, ?, NULL)',
        id,
        input.approvalStatus,
        input.by,
        at,
      );
      this.#run(
        `INSERT OR IGNORE INTO edges (from_key, type, to_key)
         SELECT ?, ${EDGE_TYPE_CODES.PACKAGED_AS}, m.node_key FROM model_packages m WHERE m.id = ?`,
        artifactKey(artifactSeq),
        id,
      );
      const row = this.#get<ModelPackageRow>('SELECT * FROM model_packages WHERE id = ?', id)!;
      return { modelPackage: this.#packages([row])[0]!, created: true };
    });
  };

  setModelPackageApproval: GraphStore['setModelPackageApproval'] = async (input) => {
    const status = requireApprovalStatus('status', input.status);
    if (input.expectedStatus !== undefined) requireApprovalStatus('expectedStatus', input.expectedStatus);
    requireString('by', input.by);
    const at = atOrNow(input.at);
    return this.#write('setModelPackageApproval', () => {
      const row = this.#get<ModelPackageRow>('SELECT * FROM model_packages WHERE id = ?', input.id);
      if (!row) throw new NotFoundError('ModelPackage', input.id);
      if (input.expectedStatus !== undefined && row.approval_status !== input.expectedStatus) {
        throw new ConflictError(`model package ${input.id} is ${row.approval_status}, not ${input.expectedStatus}`, {
          id: input.id,
          expected: input.expectedStatus,
          actual: row.approval_status,
        });
      }
      const seq = this.#get<{ s: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM approvals WHERE package_id = ?', input.id)!.s;
      this.#run(
        'INSERT INTO approvals (package_id, seq, status, by_whom, at, comment) VALUES (?, ?, ?, ?, ?, ?)',
        input.id,
        seq,
        status,
        input.by,
        at,
        input.comment ?? null,
      );
      this.#run('UPDATE model_packages SET approval_status = ? WHERE id = ?', status, input.id);
      return this.#packages([this.#get<ModelPackageRow>('SELECT * FROM model_packages WHERE id = ?', input.id)!])[0]!;
    });
  };

  getModelPackage: GraphStore['getModelPackage'] = (id: ModelPackageId) =>
    this.#read('getModelPackage', () => {
      const row = this.#get<ModelPackageRow>('SELECT * FROM model_packages WHERE id = ?', id);
      if (!row) throw new NotFoundError('ModelPackage', id);
      return this.#packages([row])[0]!;
    });

  listModelPackages: GraphStore['listModelPackages'] = async (query = {}) => {
    const { first, after } = normalizePageRequest(query);
    const cursor = cursorParts(after, ['s', 's']);
    const statuses = requireEnumList('approvalStatuses', query.approvalStatuses, APPROVAL_STATUSES);
    return this.#read('listModelPackages', () => {
      const rows = this.#all<ModelPackageRow>(
        `SELECT * FROM model_packages
         WHERE (@group IS NULL OR group_name = @group) AND (@statuses IS NULL OR approval_status IN (SELECT value FROM json_each(@statuses)))
           AND (@cCreated IS NULL OR created_at < @cCreated OR (created_at = @cCreated AND id < @cId))
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
        {
          group: query.group ?? null,
          statuses: statuses ? json(statuses) : null,
          cCreated: cursor?.[0] ?? null,
          cId: cursor?.[1] ?? null,
          limit: first + 1,
        },
      );
      const packages = this.#packages(rows.slice(0, first));
      const page = toPage(
        rows,
        first,
        (r) => r,
        (r) => [r.created_at, r.id],
      );
      return { ...page, items: packages };
    });
  };

  listModelPackagesByArtifact: GraphStore['listModelPackagesByArtifact'] = async (artifactIds) => {
    const ids = requireIds('artifactIds', artifactIds) as ArtifactId[];
    return this.#read('listModelPackagesByArtifact', () => {
      const rows = this.#all<ModelPackageRow>(
        'SELECT * FROM model_packages WHERE model_artifact_id IN (SELECT value FROM json_each(?)) ORDER BY group_name, version',
        json(ids),
      );
      const map = new Map<ArtifactId, ModelPackage[]>(ids.map((id) => [id, []]));
      for (const p of this.#packages(rows)) map.get(p.modelArtifactId)?.push(p);
      return map;
    });
  };

  upsertContext: GraphStore['upsertContext'] = async (input) => {
    if (!(CONTEXT_TYPES as readonly unknown[]).includes(input.type))
      throw new InvalidArgumentError('type', `unknown context type ${JSON.stringify(input.type)}`);
    requireString('name', input.name);
    if (input.properties !== undefined && !isJsonObject(input.properties))
      throw new ValidationError('context', [{ path: 'properties', message: 'must be a JSON object' }]);
    const at = atOrNow(input.at);
    const id = contextIdFor(input.type, input.name);
    return this.#write('upsertContext', () => {
      this.#run(
        `INSERT INTO contexts (id, type, name, properties, created_at, node_key) VALUES (@id, @type, @name, @properties, @at, ${nextNodeKeySql('Context')})
         ON CONFLICT (id) DO UPDATE SET properties = CASE WHEN @hasProperties THEN excluded.properties ELSE properties END`,
        {
          id,
          type: input.type,
          name: input.name,
          properties: json(input.properties ?? {}),
          at,
          hasProperties: input.properties !== undefined ? 1 : 0,
        },
      );
      return toContext(this.#get<ContextRow>('SELECT * FROM contexts WHERE id = ?', id)!);
    });
  };

  getContext: GraphStore['getContext'] = (id) =>
    this.#read('getContext', () => {
      const row = this.#get<ContextRow>('SELECT * FROM contexts WHERE id = ?', id);
      if (!row) throw new NotFoundError('Context', id);
      return toContext(row);
    });

  // ---- lineage ---------------------------------------------------------------------------------

  traverse: GraphStore['traverse'] = async (query) => {
    const q = normalizeTraverseQuery(query);
    this.#logger?.debug({ direction: q.direction, maxDepth: q.maxDepth, nodeLimit: q.nodeLimit, starts: q.startIds.length }, 'traverse');
    return this.#read('traverse', () => this.#traverser.traverse(q));
  };

  getLineageNodes: GraphStore['getLineageNodes'] = async (ids) => {
    requireIds('ids', ids);
    return this.#read('getLineageNodes', () => this.#traverser.nodes(ids));
  };

  provenance: GraphStore['provenance'] = (modelArtifactId, options) => computeProvenance(this, modelArtifactId, options);
  impact: GraphStore['impact'] = (artifactId, options) => computeImpact(this, artifactId, options);
  paths: GraphStore['paths'] = (query) => computePaths(this, query);

  // ---- OpenLineage (openlineage.ts) ------------------------------------------------------------

  recordOpenLineageEvent: GraphStore['recordOpenLineageEvent'] = (record) => {
    const issues = openLineageRecordIssues(record);
    if (issues.length > 0) return Promise.reject(new ValidationError('OpenLineage event record', issues));
    return this.#write('recordOpenLineageEvent', () => this.#openLineage.record(record));
  };

  findOpenLineageRun: GraphStore['findOpenLineageRun'] = async (runId) => {
    const id = requireOpenLineageRunId('runId', runId);
    return this.#read('findOpenLineageRun', () => this.#openLineage.run(id));
  };

  getOpenLineageRun: GraphStore['getOpenLineageRun'] = async (runId) => {
    const run = await this.findOpenLineageRun(runId);
    if (!run) throw new NotFoundError('OpenLineageRun', runId);
    return run;
  };

  listOpenLineageRuns: GraphStore['listOpenLineageRuns'] = async (query = {}) => {
    const { first, after } = normalizePageRequest(query);
    const optional = (argument: string, value: string | undefined): string | null =>
      value === undefined ? null : requireString(argument, value);
    const q = {
      first,
      after,
      jobNamespace: optional('jobNamespace', query.jobNamespace),
      jobName: optional('jobName', query.jobName),
      parentRunId: query.parentRunId === undefined ? null : requireOpenLineageRunId('parentRunId', query.parentRunId),
    };
    return this.#read('listOpenLineageRuns', () => this.#openLineage.listRuns(q));
  };

  listOpenLineageEvents: GraphStore['listOpenLineageEvents'] = async (query) => {
    const runId = requireOpenLineageRunId('runId', query?.runId);
    const { first, after } = normalizePageRequest(query);
    const page = await this.#read('listOpenLineageEvents', () => this.#openLineage.listEvents(runId, first, after));
    if (!page) throw new NotFoundError('OpenLineageRun', query.runId);
    return page;
  };

  findOpenLineageDataset: GraphStore['findOpenLineageDataset'] = async (namespace, name) => {
    requireOpenLineageDataset(namespace, name);
    return this.#read('findOpenLineageDataset', () => this.#openLineage.dataset(namespace, name));
  };

  listColumnLineage: GraphStore['listColumnLineage'] = async (query) => {
    const q = normalizeColumnLineageQuery(query);
    return this.#read('listColumnLineage', () => this.#openLineage.columnLineage(q));
  };
}
