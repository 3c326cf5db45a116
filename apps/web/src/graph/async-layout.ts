import type { ELK } from 'elkjs/lib/elk-api';
import { runElkLayout, type LayoutInput, type LayoutResult } from './layout.ts';

/** Above this many nodes the layout runs in ELK's web worker, so the page stays responsive. */
export const WORKER_THRESHOLD = 120;

let mainThreadElk: Promise<ELK> | null = null;
let workerElk: Promise<ELK> | null = null;

function getMainThreadElk(): Promise<ELK> {
  mainThreadElk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk());
  return mainThreadElk;
}

function getWorkerElk(): Promise<ELK> {
  workerElk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([{ default: Elk }, { default: workerUrl }]) => new Elk({ workerUrl }),
  );
  return workerElk;
}

/** Lays a graph out: on the main thread when small (or where there are no workers), else in a worker. */
export async function computeLayout(input: LayoutInput): Promise<LayoutResult> {
  const useWorker = input.nodes.length > WORKER_THRESHOLD && typeof Worker !== 'undefined';
  const elk = await (useWorker ? getWorkerElk() : getMainThreadElk());
  return runElkLayout(elk, input);
}
