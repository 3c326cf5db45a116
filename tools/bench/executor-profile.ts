/**
 * Timing proxies for the benchmark: wrap a port object (GraphStore, ArtifactStore) so that every
 * method call is counted and timed. The figures say where orchestration time goes without reading
 * a CPU profile: how many store calls a step costs and how long they take.
 */

export interface CallStats {
  calls: number;
  totalMs: number;
}

export interface CallRecorder {
  readonly stats: Map<string, CallStats>;
  /** Resets the counters (between the phases of the benchmark). */
  reset(): void;
}

/** Wraps `target` so that calls of its methods are recorded under `${prefix}.${method}`. */
export function withCallTiming<T extends object>(target: T, prefix: string, recorder: CallRecorder): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const name = `${prefix}.${property}`;
      return (...args: unknown[]) => {
        const started = performance.now();
        const record = () => {
          const stats = recorder.stats.get(name) ?? { calls: 0, totalMs: 0 };
          stats.calls += 1;
          stats.totalMs += performance.now() - started;
          recorder.stats.set(name, stats);
        };
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (result instanceof Promise) return result.finally(record);
        record();
        return result;
      };
    },
  });
}

export function createCallRecorder(): CallRecorder {
  const stats = new Map<string, CallStats>();
  return { stats, reset: () => stats.clear() };
}

/** The recorded calls, most total time first, with per-step figures. */
export function summarizeCalls(
  recorder: CallRecorder,
  steps: number,
): { name: string; calls: number; totalMs: number; callsPerStep: number; msPerStep: number }[] {
  return [...recorder.stats]
    .map(([name, s]) => ({ name, calls: s.calls, totalMs: s.totalMs, callsPerStep: s.calls / steps, msPerStep: s.totalMs / steps }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
