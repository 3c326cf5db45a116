import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@pedigree/runtime';
import { describe, expect, it } from 'vitest';
import { lazyChild } from '../src/server/create-yoga.ts';
import { createHarness } from './harness.ts';

function capture(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('request logging', () => {
  it('a lazy child logger builds its pino child only when something logs, with the same bindings', () => {
    const { logger, lines } = capture();
    let children = 0;
    const counting: Logger = {
      ...logger,
      child: (bindings) => {
        children++;
        return logger.child(bindings);
      },
    };
    const lazy = lazyChild(counting, { requestId: 'r-1' });
    expect(children).toBe(0);
    lazy.info({ executionId: 'ex_1' }, 'execution started');
    lazy.warn('plain message');
    expect(children).toBe(1);
    expect(lines).toMatchObject([
      { requestId: 'r-1', executionId: 'ex_1', msg: 'execution started', level: 'info' },
      { requestId: 'r-1', msg: 'plain message', level: 'warn' },
    ]);
  });

  it('every request still writes one line with its request id, path, status and viewer', async () => {
    const { logger, lines } = capture();
    const h = await createHarness({ logger });
    try {
      const { status } = await h.gql('{ viewer { name } }', {}, { token: 'viewer', headers: { 'x-request-id': 'req-42' } });
      expect(status).toBe(200);
      expect(lines.find((l) => l['msg'] === 'request')).toMatchObject({
        requestId: 'req-42',
        component: 'api',
        method: 'POST',
        path: '/graphql',
        status: 200,
        viewer: 'vera',
      });
    } finally {
      await h.close();
    }
  });
});
