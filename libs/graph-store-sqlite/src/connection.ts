import { StoreUnavailableError, nowIso } from '@pedigree/domain';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

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
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every migration newer than the recorded schema version, in order, in one write transaction. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
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
    return SCHEMA_VERSION;
  });
  // IMMEDIATE: two processes opening a fresh file at once must not both try to migrate it.
  return apply.immediate();
}
