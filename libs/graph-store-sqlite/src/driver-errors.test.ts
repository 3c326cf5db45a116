import { ConflictError, NotFoundError } from '@pedigree/domain';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toPedigreeError } from './driver-errors.ts';

describe('toPedigreeError', () => {
  it.each([
    ['SQLITE_BUSY', 'STORE_UNAVAILABLE'],
    ['SQLITE_BUSY_SNAPSHOT', 'STORE_UNAVAILABLE'],
    ['SQLITE_LOCKED', 'STORE_UNAVAILABLE'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'CONFLICT'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'CONFLICT'],
    ['SQLITE_CORRUPT', 'STORE_CORRUPT'],
    ['SQLITE_NOTADB', 'STORE_CORRUPT'],
    ['SQLITE_IOERR_WRITE', 'STORE_UNAVAILABLE'],
    ['SQLITE_FULL', 'STORE_UNAVAILABLE'],
  ])('maps %s to %s', (sqliteCode, code) => {
    const mapped = toPedigreeError(new Database.SqliteError('driver message', sqliteCode), 'op');
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain('op');
  });

  it('passes PedigreeErrors through unchanged', () => {
    const original = new NotFoundError('Artifact', 'ar_x');
    expect(toPedigreeError(original, 'op')).toBe(original);
    const conflict = new ConflictError('x');
    expect(toPedigreeError(conflict, 'op')).toBe(conflict);
  });

  it('maps a closed handle to STORE_UNAVAILABLE and anything else to INTERNAL', () => {
    expect(toPedigreeError(new TypeError('The database connection is not open'), 'op').code).toBe('STORE_UNAVAILABLE');
    expect(toPedigreeError(new Error('surprise'), 'op').code).toBe('INTERNAL');
  });
});
