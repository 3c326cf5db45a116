import type { Role } from '@pedigree/runtime';
import { GraphQLScalarType, type GraphQLFieldResolver } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { requireRole } from './auth.ts';

/**
 * The role each root field needs beyond viewer (every authenticated caller is at least a viewer).
 * Every Mutation field needs editor unless listed here with a higher role; keeping the table in
 * one place makes "who may do what" reviewable without reading every resolver.
 */
export const FIELD_ROLES: Readonly<Record<string, Role>> = {
  'Query.apiTokens': 'admin',
};

export function roleFor(typeName: string, fieldName: string): Role {
  return FIELD_ROLES[`${typeName}.${fieldName}`] ?? (typeName === 'Mutation' ? 'editor' : 'viewer');
}

type AnyResolver = GraphQLFieldResolver<unknown, ApiContext, Record<string, unknown>>;

/** Merges module resolvers into one map and guards every root field with its role. */
export function mergeAndGuardResolvers(modules: readonly Resolvers[]): Record<string, unknown> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    for (const [typeName, fields] of Object.entries(module)) {
      if (fields && typeof fields === 'object' && !(fields instanceof GraphQLScalarType)) {
        const target = (merged[typeName] ??= {});
        for (const [fieldName, resolver] of Object.entries(fields as Record<string, unknown>)) {
          if (fieldName in target) throw new Error(`resolver ${typeName}.${fieldName} is defined by two modules`);
          target[fieldName] = resolver;
        }
      } else {
        merged[typeName] = fields as never;
      }
    }
  }
  for (const typeName of ['Query', 'Mutation', 'Subscription']) {
    for (const [fieldName, resolver] of Object.entries(merged[typeName] ?? {})) {
      const role = roleFor(typeName, fieldName);
      if (role === 'viewer') continue;
      if (typeof resolver === 'function') {
        const inner = resolver as AnyResolver;
        merged[typeName]![fieldName] = ((root, args, context, info) => {
          requireRole(context.viewer, role);
          return inner(root, args, context, info);
        }) satisfies AnyResolver;
      } else {
        const object = resolver as { subscribe: AnyResolver; resolve?: AnyResolver };
        merged[typeName]![fieldName] = {
          ...object,
          subscribe: ((root, args, context, info) => {
            requireRole(context.viewer, role);
            return object.subscribe(root, args, context, info);
          }) satisfies AnyResolver,
        };
      }
    }
  }
  return merged;
}
