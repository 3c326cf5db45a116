import type { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

type GraphQLArmorConfig = NonNullable<Parameters<typeof EnvelopArmorPlugin>[0]>;

/**
 * Query limits. The deepest legitimate query of the web client (pipeline -> executions -> steps ->
 * outputs -> artifact -> producer -> execution) is 11 levels; introspection is exempt from depth and
 * cost so that GraphiQL and codegen work.
 */
export const QUERY_LIMITS = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 50,
  maxCost: 20_000,
} as const;

export const ARMOR_CONFIG: GraphQLArmorConfig = {
  maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
  maxAliases: { n: QUERY_LIMITS.maxAliases },
  maxTokens: { n: QUERY_LIMITS.maxTokens },
  maxDirectives: { n: QUERY_LIMITS.maxDirectives },
  costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
  // Field suggestions ("did you mean ...") are harmless for a documented schema with GraphiQL on.
  blockFieldSuggestion: { enabled: false },
};
