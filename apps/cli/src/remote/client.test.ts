import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { ExecutionStatusDocument } from '../generated/graphql.ts';
import { createRemoteClient, parseServerUrl, readServerSentEvents, throwUserErrors } from './client.ts';

/** A body stream delivering `parts` as separate chunks (events split anywhere, as TCP may). */
const stream = (parts: readonly string[]): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });

/** A client whose HTTP answers are the given Responses (what a server or a proxy in front of it might send). */
const answering = (response: () => Response) =>
  createRemoteClient({ server: 'http://pedigree.test:4000', token: 't', fetch: (async () => response()) as typeof fetch });

const failureOf = async (promise: Promise<unknown>): Promise<CliError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
};

describe('readServerSentEvents', () => {
  it('joins events split across chunks, skips keep-alive comments and joins multi-line data', async () => {
    const events = [];
    for await (const e of readServerSentEvents(
      stream([':\n\nevent: ne', 'xt\ndata: {"a":', '1}\n\r\n', 'data: x\ndata: y\n\nevent: complete\ndata:\n\n']),
    )) {
      events.push(e);
    }
    expect(events).toEqual([
      { event: 'next', data: '{"a":1}' },
      { event: 'message', data: 'x\ny' },
      { event: 'complete', data: '' },
    ]);
  });
});

describe('parseServerUrl', () => {
  it('drops a trailing slash or /graphql and refuses what is not http(s)', () => {
    expect(parseServerUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
    expect(parseServerUrl('https://pedigree.example/base/graphql')).toBe('https://pedigree.example/base');
    expect(() => parseServerUrl('localhost:4000')).toThrow(/--server expects an http:\/\/ or https:\/\/ URL, got "localhost:4000"/);
    expect(() => parseServerUrl('ftp://x')).toThrow(CliError);
  });
});

describe('the remote client’s errors', () => {
  it('turns a GraphQL NOT_FOUND into exit 2 and an INTERNAL error into exit 1, one line each', async () => {
    const notFound = await failureOf(
      answering(() => Response.json({ errors: [{ message: 'no such thing', extensions: { code: 'NOT_FOUND' } }] })).request(
        ExecutionStatusDocument,
        { id: 'ex_1' },
      ),
    );
    expect([notFound.message, notFound.exitCode]).toEqual(['no such thing', 2]);
    const internal = await failureOf(
      answering(() =>
        Response.json({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL' } }] }, { status: 500 }),
      ).request(ExecutionStatusDocument, { id: 'ex_1' }),
    );
    expect(internal.exitCode).toBe(1);
    expect(internal.message).toBe("the server failed to answer: Unexpected error. (HTTP 500; see the server's log)");
  });

  it('says when the answer is not GraphQL at all (a proxy page), exit 1', async () => {
    const error = await failureOf(
      answering(() => new Response('<html>Bad gateway</html>', { status: 502 })).request(ExecutionStatusDocument, { id: 'x' }),
    );
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'the server at http://pedigree.test:4000 answered HTTP 502 with something that is not GraphQL (is --server a Pedigree server?)',
    );
  });

  it('lists every user error of a payload with its path, the first as the message', () => {
    let error: unknown;
    try {
      throwUserErrors([
        { path: 'input.parameters.A', message: 'unknown parameter', code: 'VALIDATION_FAILED' },
        { path: 'input.parameters.B', message: 'expected a number', code: 'VALIDATION_FAILED' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      message: 'input.parameters.A: unknown parameter (and 1 more)',
      exitCode: 2,
      details: ['  input.parameters.A: unknown parameter', '  input.parameters.B: expected a number'],
    });
    expect(() => throwUserErrors([])).not.toThrow();
  });
});
