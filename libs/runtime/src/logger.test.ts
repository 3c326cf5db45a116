import { Writable } from 'node:stream';
import { NotFoundError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with a level label, an ISO time and child bindings', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, base: { service: 'api' } });
    logger.child({ requestId: 'r1' }).info({ path: '/graphql' }, 'request');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', service: 'api', requestId: 'r1', path: '/graphql', msg: 'request' });
    expect(typeof line?.['time']).toBe('string');
  });

  it('respects the level and keeps the error code', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, level: 'warn' });
    logger.info('hidden');
    logger.error({ err: new NotFoundError('Artifact', 'ar_1') }, 'failed');
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', err: { code: 'NOT_FOUND', type: 'NotFoundError' } });
  });
});
