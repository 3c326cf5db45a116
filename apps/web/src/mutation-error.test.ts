import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mutationErrorMessage } from './mutation-error.ts';

describe('mutationErrorMessage', () => {
  it('says what a FORBIDDEN answer means and what would help, without urql’s prefix', () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('this operation requires the editor role; bob has viewer', { extensions: { code: 'FORBIDDEN' } })],
    });
    expect(error.message).toMatch(/^\[GraphQL\]/);
    expect(mutationErrorMessage(error)).toBe(
      'Not allowed: this operation requires the editor role; bob has viewer. Ask your Pedigree admin for an editor token.',
    );
  });

  it('keeps other messages as the server wrote them, and names a network failure', () => {
    expect(mutationErrorMessage(new CombinedError({ graphQLErrors: [new GraphQLError('status changed meanwhile')] }))).toBe(
      'status changed meanwhile',
    );
    expect(mutationErrorMessage(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toBe('Failed to fetch');
  });
});
