/*
 * The GraphStore contract suite against a real Neo4j 5, whenever NEO4J_URI is set (see README.md).
 * Without it the suite is registered as skipped, with the reason printed and in its name: a run
 * without a server must never look like a passing run against one.
 *
 * HAZARD: `reset` deletes every node of the database before each case. Point NEO4J_URI (and
 * NEO4J_DATABASE) at a dedicated, disposable database, such as the docker container in the README.
 */
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { afterAll, describe, it } from 'vitest';
import { runGraphStoreContract } from '@pedigree/graph-store/testing';
import { neo4jConfigFromEnv } from './config.ts';
import { createNeo4jGraphStore } from './neo4j-graph-store.ts';

const SKIP_REASON = 'NEO4J_URI is not set (start Neo4j 5 and set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD; see README.md)';

if (!process.env['NEO4J_URI']) {
  console.warn(`SKIPPED neo4j contract suite: ${SKIP_REASON}`);
  describe.skip(`GraphStore contract: neo4j (skipped: ${SKIP_REASON})`, () => {
    it('runs the contract suite against Neo4j', () => undefined);
  });
} else {
  const config = neo4jConfigFromEnv(process.env);
  const resetText = readFileSync(new URL('./testing/reset-database.cypher', import.meta.url), 'utf8');
  const admin = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
  afterAll(() => admin.close());
  runGraphStoreContract({
    name: `neo4j (${config.uri}${config.database ? `/${config.database}` : ''})`,
    create: () => createNeo4jGraphStore(config),
    reset: async () => {
      const session = admin.session({ ...(config.database ? { database: config.database } : {}) });
      try {
        await session.executeWrite((tx) => tx.run(resetText));
      } finally {
        await session.close();
      }
    },
  });
}
