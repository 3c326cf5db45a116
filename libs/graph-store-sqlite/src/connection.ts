import { StoreCorruptError, StoreUnavailableError, nowIso } from '@pedigree/domain';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { ARTIFACT_ID_KEY_FUNCTION, artifactIdKey } from './node-keys.ts';

/** Default wait for another process's write lock before STORE_UNAVAILABLE. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** WAL pages between automatic checkpoints (x 4 KiB pages). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Opens the database with the durability and concurrency settings the store promises:
 * WAL (readers never block the one writer, and several processes can share the file),
 * synchronous=FULL (a committed write survives power loss), foreign keys on, and a busy timeout
 * so a second process waits for the write lock instead of failing at once. Then applies pending
 * migrations.
 */
export function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // An in-memory database cannot use WAL and reports `memory`; that is expected.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Traversal keeps its visited set in a temp table: memory, not a temp file.
    db.pragma('temp_store = MEMORY');
    // Checkpoint the WAL every ~40 MB rather than SQLite's 4 MB: a page rewritten by several
    // commits between two checkpoints is copied into the database file once. With the default,
    // a 600-step ingest batch checkpointed at almost every commit, ~30% of commit CPU.
    // Durability does not depend on it (a commit is durable once its WAL frames are synced).
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // artifacts.id_key of an id, for migration 4 and reads that look artifacts up over a JSON list.
    db.function(ARTIFACT_ID_KEY_FUNCTION, { deterministic: true }, (id: unknown) => (typeof id === 'string' ? artifactIdKey(id) : 0));
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies every migration newer than the recorded schema version, in order, in one write
 * transaction. Foreign keys are off meanwhile (a migration that rebuilds a table drops and renames
 * tables other tables reference, which SQLite's own procedure does with them off) and checked
 * over the whole database before the transaction commits: a violation rolls the migration back.
 */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    return migrateWithoutForeignKeys(db);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

function migrateWithoutForeignKeys(db: Database.Database): number {
  const apply = db.transaction(() => {
    const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `database schema version ${current} is newer than this Pedigree supports (${SCHEMA_VERSION}); upgrade Pedigree`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, nowIso());
    }
    if (current < SCHEMA_VERSION) {
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0)
        throw new StoreCorruptError(`migrating the database to version ${SCHEMA_VERSION} left ${violations.length} foreign key violations`);
    }
    return SCHEMA_VERSION;
  });
  // IMMEDIATE: two processes opening a fresh file at once must not both try to migrate it.
  return apply.immediate();
}
