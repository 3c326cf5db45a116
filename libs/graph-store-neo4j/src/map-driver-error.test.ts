import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PedigreeError, StoreUnavailableError } from '@pedigree/domain';
import { mapDriverError } from './map-driver-error.ts';

const neo4jError = (code: string, message = 'boom') => new neo4j.Neo4jError(message, code, '50N42', 'general processing exception');
const context = { operation: 'transitionExecution', statement: 'update-execution' };

describe('mapDriverError', () => {
  it('passes Pedigree errors thrown inside a transaction function through unchanged', () => {
    const error = new NotFoundError('Artifact', 'ar_1');
    expect(mapDriverError(error, context)).toBe(error);
  });

  it.each([
    neo4j.error.SERVICE_UNAVAILABLE,
    neo4j.error.SESSION_EXPIRED,
    'Neo.ClientError.Security.Unauthorized',
    'Neo.ClientError.Database.DatabaseNotFound',
    'Neo.TransientError.Transaction.DeadlockDetected',
    'Neo.TransientError.General.DatabaseUnavailable',
  ])('maps %s to STORE_UNAVAILABLE with the code and cause kept', (code) => {
    const cause = neo4jError(code, 'server said no');
    const mapped = mapDriverError(cause, context);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.message).toContain('transitionExecution (update-execution)');
    expect(mapped.message).toContain('server said no');
    expect(mapped.context).toMatchObject({ operation: 'transitionExecution', statement: 'update-execution', neo4jCode: code });
    expect(mapped.cause).toBe(cause);
  });

  it('maps a uniqueness constraint refusal to CONFLICT', () => {
    const mapped = mapDriverError(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'), context);
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped.code).toBe('CONFLICT');
  });

  it('maps a Cypher error (an adapter bug) to INTERNAL, never to a user-fixable code', () => {
    const mapped = mapDriverError(neo4jError('Neo.ClientError.Statement.SyntaxError'), context);
    expect(mapped).toBeInstanceOf(PedigreeError);
    expect(mapped.code).toBe('INTERNAL');
    expect(mapped.context).toMatchObject({ neo4jCode: 'Neo.ClientError.Statement.SyntaxError' });
  });

  it('maps a socket failure without a code to STORE_UNAVAILABLE', () => {
    expect(mapDriverError(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { operation: 'health' }).code).toBe('STORE_UNAVAILABLE');
  });

  it('maps a thrown non-Error to INTERNAL', () => {
    expect(mapDriverError('weird', { operation: 'health' }).code).toBe('INTERNAL');
  });
});
