/**
 * A recording stand-in for the neo4j driver, for tests that check what the adapter SENDS (statement,
 * text, parameters, read or write transaction) and how it MAPS canned records. It executes nothing:
 * a passing test here says nothing about whether Neo4j would accept or answer the statements; that
 * is the job of the Cypher lint test and of the contract suite against a real server.
 */
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import type { DriverLike, SessionLike, TransactionLike } from '../driver-port.ts';
import { loadStatements, type StatementName } from '../statements.ts';

export interface RecordedStatement {
  readonly mode: 'READ' | 'WRITE';
  readonly statement: StatementName;
  readonly text: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Canned rows for one statement call: plain objects whose values may be driver types (Integer, DateTime). */
export type CannedRows = readonly Readonly<Record<string, unknown>>[];
export type Responder = (statement: StatementName, params: Readonly<Record<string, unknown>>) => CannedRows | undefined;

export interface RecordingDriver extends DriverLike {
  readonly calls: RecordedStatement[];
  /** Forgets recorded calls (e.g. the schema statements run by createNeo4jGraphStore). */
  clear(): void;
  readonly closed: boolean;
}

function toRecord(row: Readonly<Record<string, unknown>>): Neo4jRecord {
  const keys = Object.keys(row);
  // The driver's own Record class, so `get` behaves exactly as in production (throws on unknown keys).
  return new neo4j.Record(
    keys,
    keys.map((k) => row[k]),
  );
}

/** `respond` returns the rows for a statement call; undefined means no rows. */
export function createRecordingDriver(respond: Responder = () => undefined): RecordingDriver {
  const byText = new Map<string, StatementName>([...loadStatements()].map(([name, text]) => [text, name]));
  const calls: RecordedStatement[] = [];
  let closed = false;
  const tx = (mode: 'READ' | 'WRITE'): TransactionLike => ({
    run(text, params) {
      const statement = byText.get(text);
      if (statement === undefined) throw new Error(`recording driver: text of an unregistered statement: ${text.slice(0, 80)}`);
      calls.push({ mode, statement, text, params });
      const rows = respond(statement, params) ?? [];
      return Promise.resolve({ records: rows.map(toRecord) });
    },
  });
  const session = (): SessionLike => ({
    executeRead: (work) => work(tx('READ')),
    executeWrite: (work) => work(tx('WRITE')),
    close: async () => undefined,
  });
  return {
    calls,
    clear: () => void calls.splice(0, calls.length),
    get closed() {
      return closed;
    },
    session,
    close: async () => {
      closed = true;
    },
  };
}

const int = (n: number) => neo4j.int(n);

/** A driver DateTime in UTC, as Neo4j returns `datetime('...Z')` (Integer fields, offset 0). */
export function driverDateTime(iso: string): InstanceType<typeof neo4j.types.DateTime> {
  const d = new Date(iso);
  return new neo4j.types.DateTime(
    int(d.getUTCFullYear()),
    int(d.getUTCMonth() + 1),
    int(d.getUTCDate()),
    int(d.getUTCHours()),
    int(d.getUTCMinutes()),
    int(d.getUTCSeconds()),
    int(d.getUTCMilliseconds() * 1_000_000),
    int(0),
  );
}
