/**
 * Numeric metrics of an execution, read from its steps' properties (parsed property files and
 * returned values): `EvaluateModel.accuracy` from `properties.propertyFiles.EvaluationReport.accuracy`
 * or `properties.result.accuracy`. Nested objects (per-class tables, matrices) are left out.
 */
export function extractMetrics(steps: readonly { stepName: string; properties?: unknown }[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const step of steps) {
    const props = step.properties;
    if (!props || typeof props !== 'object') continue;
    const sources: Record<string, unknown>[] = [];
    for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        if (typeof value === 'number') metrics[`${step.stepName}.${key}`] = value;
        continue;
      }
      if (key === 'propertyFiles')
        sources.push(
          ...Object.values(value as Record<string, unknown>).filter(
            (v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object',
          ),
        );
      else sources.push(value as Record<string, unknown>);
    }
    for (const source of sources) {
      for (const [key, value] of Object.entries(source)) {
        if (typeof value === 'number' && Number.isFinite(value)) metrics[`${step.stepName}.${key}`] = value;
      }
    }
  }
  return metrics;
}
