/**
 * The benchmark's baseline (not part of the product): a plain node:http server that answers
 * POST {"id"} with the store's upstream traversal (depth 10) as JSON. Run in its own process by
 * api.ts so that it and the GraphQL service are measured alike. Reads PEDIGREE_DATA_DIR and PORT.
 */
import { createServer } from 'node:http';
import { createRuntime, createSilentLogger, loadConfig } from '@pedigree/runtime';

const runtime = await createRuntime(loadConfig({ PEDIGREE_DATA_DIR: process.env['PEDIGREE_DATA_DIR'], LOG_LEVEL: 'silent' }), {
  logger: createSilentLogger(),
});
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { id } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
    runtime.store.traverse({ startIds: [id], direction: 'UPSTREAM', maxDepth: 10 }).then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
});
server.listen(Number(process.env['PORT']), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void runtime.close().then(() => process.exit(0));
});
