import { ConfigurationError } from '@pedigree/domain';

/** Connection settings of the Neo4j store. */
export interface Neo4jConfig {
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  /** Absent: the server's default database. */
  readonly database?: string;
}

const URI_PATTERN = /^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/\S+$/;

/**
 * Reads `NEO4J_URI`, `NEO4J_USERNAME` (default `neo4j`), `NEO4J_PASSWORD` and `NEO4J_DATABASE`
 * (optional). Throws CONFIGURATION_INVALID naming the variable when the URI or password is missing
 * or the URI is not a neo4j:// or bolt:// URI.
 */
export function neo4jConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Neo4jConfig {
  const uri = env['NEO4J_URI']?.trim();
  if (!uri) throw new ConfigurationError('NEO4J_URI', 'is required for the Neo4j store');
  if (!URI_PATTERN.test(uri)) throw new ConfigurationError('NEO4J_URI', `must be a neo4j:// or bolt:// URI, got ${JSON.stringify(uri)}`);
  const password = env['NEO4J_PASSWORD'];
  if (password === undefined || password === '') throw new ConfigurationError('NEO4J_PASSWORD', 'is required for the Neo4j store');
  const username = env['NEO4J_USERNAME']?.trim() || 'neo4j';
  const database = env['NEO4J_DATABASE']?.trim();
  return { uri, username, password, ...(database ? { database } : {}) };
}
