/* global AbortController */
// The body of a warm handler worker (a piscina task function). Plain JavaScript on purpose: it is
// the file the worker thread loads before any TypeScript loader exists; the two `register()` calls
// then install tsx in this thread so handler modules may be TypeScript, whether their package is
// ESM or CommonJS (a .ts file outside a `"type": "module"` package loads through the CJS loader).
import { register as registerCjs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
registerCjs();

/**
 * Runs one handler call. `port` carries `{ type: 'abort', reason }` in and `{ type: 'log', line }`
 * out. A handler that throws is a step failure (`ok: false`); only a broken worker rejects.
 */
export default async function runHandler({ moduleUrl, exportName, context, port }) {
  const controller = new AbortController();
  port.on('message', (message) => {
    if (message && message.type === 'abort') controller.abort(new Error(String(message.reason)));
  });
  const log = (message) => port.postMessage({ type: 'log', line: String(message) });
  port.postMessage({ type: 'started' });
  try {
    let mod;
    try {
      mod = await import(moduleUrl);
    } catch (error) {
      return { ok: false, message: `could not load handler module: ${describe(error)}` };
    }
    // A CommonJS module's exports arrive as `default` when Node cannot see its named exports statically.
    const handler = typeof mod[exportName] === 'function' ? mod[exportName] : mod.default?.[exportName];
    if (typeof handler !== 'function') {
      return { ok: false, message: `handler module does not export a function named ${JSON.stringify(exportName)}` };
    }
    if (controller.signal.aborted) return { ok: false, message: 'stopped before the handler started' };
    try {
      const result = await handler({ ...context, signal: controller.signal, log });
      if (result !== undefined && result !== null && (typeof result !== 'object' || Array.isArray(result))) {
        return { ok: false, message: 'a handler may return only an object of JSON values (or nothing)' };
      }
      return { ok: true, result: result ?? null };
    } catch (error) {
      if (error && typeof error === 'object' && 'stack' in error && typeof error.stack === 'string') log(error.stack);
      return { ok: false, message: describe(error) };
    }
  } finally {
    port.close();
  }
}

function describe(error) {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}
