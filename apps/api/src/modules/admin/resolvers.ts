import type { Resolvers } from '../../generated/resolvers-types.ts';

export const adminResolvers: Resolvers = {
  Query: {
    serverInfo: async (_root, _args, { services }) => ({
      version: services.admin.version,
      anonymousAccess: services.admin.anonymousAccess,
      store: await services.admin.storeHealth(),
    }),
    apiTokens: (_root, _args, { services }) => [...services.admin.tokens()],
  },
};
