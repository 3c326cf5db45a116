/**
 * The trivial handler every benchmark step runs: it writes one small file (distinct per step, so
 * every output is its own artifact) and reports how long it spent inside itself, so that the
 * benchmark can subtract handler time from wall time and keep only orchestration overhead.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from '@pedigree/sdk';

export async function benchStep(context: StepContext): Promise<{ handlerMs: number }> {
  const started = performance.now();
  const out = context.outputs['out'];
  if (out === undefined) throw new Error(`step ${context.stepName} has no output channel "out"`);
  await writeFile(path.join(out, 'value.txt'), `${context.stepName} ${String(context.args['index'])}\n`);
  return { handlerMs: performance.now() - started };
}
