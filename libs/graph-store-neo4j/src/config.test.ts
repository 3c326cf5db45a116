import { describe, expect, it } from 'vitest';
import { neo4jConfigFromEnv } from './config.ts';

describe('neo4jConfigFromEnv', () => {
  it('reads the four variables, defaulting the user and leaving the database to the server', () => {
    expect(neo4jConfigFromEnv({ NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: 'pw' })).toEqual({
      uri: 'neo4j://db:7687',
      username: 'neo4j',
      password: 'pw',
    });
    expect(
      neo4jConfigFromEnv({ NEO4J_URI: 'bolt+s://db:7687', NEO4J_USERNAME: 'ada', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'lineage' }),
    ).toEqual({ uri: 'bolt+s://db:7687', username: 'ada', password: 'pw', database: 'lineage' });
  });

  it('names the missing or malformed variable', () => {
    expect(() => neo4jConfigFromEnv({ NEO4J_PASSWORD: 'pw' })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID', context: { setting: 'NEO4J_URI' } }),
    );
    expect(() => neo4jConfigFromEnv({ NEO4J_URI: 'http://db:7474', NEO4J_PASSWORD: 'pw' })).toThrow(
      /NEO4J_URI: must be a neo4j:\/\/ or bolt:\/\/ URI/,
    );
    expect(() => neo4jConfigFromEnv({ NEO4J_URI: 'neo4j://db' })).toThrow(
      expect.objectContaining({ context: { setting: 'NEO4J_PASSWORD' } }),
    );
  });
});
