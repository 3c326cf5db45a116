import { ConflictError, PedigreeError, StoreCorruptError, StoreUnavailableError } from '@pedigree/domain';
import Database from 'better-sqlite3';

/**
 * The one place driver errors become PedigreeErrors. PedigreeErrors pass through unchanged.
 * SQLITE_BUSY / LOCKED (another process held the write lock past busy_timeout), I/O and
 * permission failures are STORE_UNAVAILABLE (retryable by the caller); constraint violations are
 * CONFLICT (a concurrent writer inserted the same key first); a damaged file is STORE_CORRUPT.
 */
export function toPedigreeError(error: unknown, operation: string): PedigreeError {
  if (error instanceof PedigreeError) return error;
  if (error instanceof Database.SqliteError) {
    const code = error.code;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new StoreUnavailableError(`${operation}: the database is busy (${code}); retry`, { cause: error });
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      return new ConflictError(`${operation}: ${error.message}`, { operation, sqliteCode: code });
    }
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return new StoreCorruptError(`${operation}: the database file is damaged (${code})`, { operation, sqliteCode: code });
    }
    return new StoreUnavailableError(`${operation}: ${code}: ${error.message}`, { cause: error });
  }
  // better-sqlite3 throws a TypeError for a closed handle.
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return new StoreUnavailableError(`${operation}: the store is closed`, { cause: error });
  }
  return new PedigreeError(
    'INTERNAL',
    `${operation}: ${error instanceof Error ? error.message : String(error)}`,
    { operation },
    { cause: error },
  );
}
