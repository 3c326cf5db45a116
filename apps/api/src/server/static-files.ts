import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web client from `root`: files by path, `index.html` for every other GET (the
 * client routes in the browser). Paths are resolved inside `root` only.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(relative)}`);
  const inside = candidate === root || candidate.startsWith(`${root}${path.sep}`);
  let file = inside ? candidate : path.join(root, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    const index = info?.isDirectory() ? path.join(file, 'index.html') : path.join(root, 'index.html');
    file = index;
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const immutable = /[.-][0-9a-f]{8,}\.(js|css|mjs)$/i.test(file);
  res.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** The page `/` shows when the web client has not been built. */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pedigree</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .25rem}</style>
</head>
<body>
<h1>Pedigree</h1>
<p>Machine-learning pipelines with step caching and the full lineage of every artifact.</p>
<p>The web client has not been built (<code>apps/web/dist</code> is missing). Explore the API in
<a href="/graphql">GraphiQL at /graphql</a>.</p>
<ul><li><a href="/healthz">/healthz</a>: the process is up</li><li><a href="/readyz">/readyz</a>: the store is reachable</li></ul>
</body>
</html>
`;
