/**
 * The part of the neo4j-driver surface the adapter uses, and the one place statements are run.
 *
 * Depending on this narrow surface (not on `Driver`) is what lets the recording driver of the
 * snapshot tests stand in for a real one; the real driver satisfies it structurally.
 */
import { StoreUnavailableError } from '@pedigree/domain';
import { assertStatementParams, type StatementName, type StatementParams, type StatementTexts } from './statements.ts';
import { mapDriverError } from './map-driver-error.ts';
import type { RecordLike } from './to-domain.ts';

export interface TransactionLike {
  run(text: string, parameters: Record<string, unknown>): PromiseLike<{ readonly records: readonly RecordLike[] }>;
}

export interface SessionLike {
  executeRead<T>(work: (tx: TransactionLike) => Promise<T>): Promise<T>;
  executeWrite<T>(work: (tx: TransactionLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DriverLike {
  session(config: { database?: string; defaultAccessMode?: 'READ' | 'WRITE'; bookmarkManager?: unknown }): SessionLike;
  close(): Promise<void>;
  /** Present on the real driver: one round trip that fails fast when the server is unreachable or refuses the credentials. */
  verifyConnectivity?(config?: { database?: string }): Promise<unknown>;
}

/** Runs named statements inside one managed transaction. */
export interface StatementRunner {
  run<N extends StatementName>(name: N, params: StatementParams<N>): Promise<readonly RecordLike[]>;
}

export interface CypherExecutor {
  /** A managed read transaction (`executeRead`): the driver retries it on transient errors, so `work` must be free of side effects outside the transaction. */
  read<T>(operation: string, work: (q: StatementRunner) => Promise<T>): Promise<T>;
  /** A managed write transaction (`executeWrite`): all statements commit together or not at all. */
  write<T>(operation: string, work: (q: StatementRunner) => Promise<T>): Promise<T>;
}

/**
 * `bookmarkManager` is shared by every session of one store, so each port call sees the writes of
 * the calls before it even when a cluster routes reads to a follower (causal consistency).
 * `isClosed` tells a call on a closed store apart from a driver failure: the driver reports its
 * closed pool as a generic error, which would otherwise surface as INTERNAL.
 */
export function createCypherExecutor(
  driver: DriverLike,
  texts: StatementTexts,
  database: string | undefined,
  bookmarkManager?: unknown,
  isClosed: () => boolean = () => false,
): CypherExecutor {
  const execute = async <T>(mode: 'READ' | 'WRITE', operation: string, work: (q: StatementRunner) => Promise<T>): Promise<T> => {
    if (isClosed()) throw new StoreUnavailableError(`The Neo4j store is closed (${operation})`);
    let current: StatementName | undefined;
    const session = driver.session({
      ...(database ? { database } : {}),
      defaultAccessMode: mode,
      ...(bookmarkManager === undefined ? {} : { bookmarkManager }),
    });
    try {
      const txWork = async (tx: TransactionLike): Promise<T> =>
        work({
          async run(name, params) {
            assertStatementParams(name, params);
            current = name;
            const text = texts.get(name);
            // loadStatements guarantees every registered name has a text; this keeps the type honest.
            if (text === undefined) throw mapDriverError(new Error(`statement ${name} is not loaded`), { operation, statement: name });
            const result = await tx.run(text, { ...params });
            return result.records;
          },
        });
      return mode === 'READ' ? await session.executeRead(txWork) : await session.executeWrite(txWork);
    } catch (error) {
      throw mapDriverError(error, { operation, ...(current ? { statement: current } : {}) });
    } finally {
      // The transaction already committed or rolled back; a failure to return the connection to
      // the pool must not replace its outcome.
      await session.close().catch(() => undefined);
    }
  };
  return {
    read: (operation, work) => execute('READ', operation, work),
    write: (operation, work) => execute('WRITE', operation, work),
  };
}
