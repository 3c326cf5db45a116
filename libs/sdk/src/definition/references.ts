/**
 * Walks a step definition for every place it names another step, so that validation and the
 * dependency analysis agree on what a reference is. Each reference carries the field path it was
 * found at (relative to the step) for error messages.
 */
import type { ConditionExpr, StepDefinition, ValueExpr } from './types.ts';

/** How a step names another: a data reference, `dependsOn`, or a condition's branch list. */
export type StepReferenceKind = 'output' | 'jsonGet' | 'callbackOutput' | 'dependsOn' | 'branch';

/** One place where a step names another step. */
export interface StepReference {
  readonly step: string;
  readonly kind: StepReferenceKind;
  /** Field path inside the step, e.g. `inputs[0](train).source`. */
  readonly path: string;
}

/** Calls `visit` for each value expression of a step (not recursing into joins), with its path. */
export function forEachValueExpr(step: StepDefinition, visit: (expr: ValueExpr, path: string) => void): void {
  const record = (values: Readonly<Record<string, ValueExpr>>, base: string): void => {
    for (const key of Object.keys(values).sort()) visit(values[key]!, `${base}.${key}`);
  };
  switch (step.type) {
    case 'processing':
    case 'training':
    case 'evaluation':
      if (step.run.kind === 'command') step.run.argv.forEach((v, i) => visit(v, `run.argv[${i}]`));
      record(step.arguments, 'arguments');
      record(step.environment, 'environment');
      return;
    case 'condition':
      step.conditions.forEach((c, i) => forEachConditionValue(c, `conditions[${i}]`, visit));
      return;
    case 'fail':
      visit(step.errorMessage, 'errorMessage');
      return;
    case 'register-model':
      record(step.metrics, 'metrics');
      return;
    case 'callback':
      if (step.message) visit(step.message, 'message');
      return;
  }
}

/** Calls `visit` for each value expression inside a condition, with its path. */
export function forEachConditionValue(condition: ConditionExpr, path: string, visit: (expr: ValueExpr, path: string) => void): void {
  switch (condition.kind) {
    case 'in':
      visit(condition.value, `${path}.value`);
      condition.values.forEach((v, i) => visit(v, `${path}.values[${i}]`));
      return;
    case 'not':
      forEachConditionValue(condition.condition, `${path}.condition`, visit);
      return;
    case 'and':
    case 'or':
      condition.conditions.forEach((c, i) => forEachConditionValue(c, `${path}.conditions[${i}]`, visit));
      return;
    default:
      visit(condition.left, `${path}.left`);
      visit(condition.right, `${path}.right`);
  }
}

function valueReferences(expr: ValueExpr, path: string, out: StepReference[]): void {
  switch (expr.kind) {
    case 'output':
    case 'jsonGet':
    case 'callbackOutput':
      out.push({ step: expr.step, kind: expr.kind, path });
      return;
    case 'join':
      expr.values.forEach((v, i) => valueReferences(v, `${path}.values[${i}]`, out));
      return;
    default:
      return;
  }
}

/**
 * Every step a step names: data references (outputs, JsonGet, callback outputs), model and
 * metrics artifacts, input sources and `dependsOn`. Branch membership is not included here (it is
 * named by the condition step, not by the member); see `analyzeDefinition`.
 */
export function stepReferences(step: StepDefinition): StepReference[] {
  const out: StepReference[] = [];
  forEachValueExpr(step, (expr, path) => valueReferences(expr, path, out));
  if (step.type === 'processing' || step.type === 'training' || step.type === 'evaluation') {
    step.inputs.forEach((input, i) => {
      if (input.source.kind === 'output') out.push({ step: input.source.step, kind: 'output', path: `inputs[${i}](${input.name}).source` });
    });
  }
  if (step.type === 'register-model') {
    out.push({ step: step.model.step, kind: 'output', path: 'model' });
    if (step.metricsArtifact) out.push({ step: step.metricsArtifact.step, kind: 'output', path: 'metricsArtifact' });
  }
  step.dependsOn.forEach((name, i) => out.push({ step: name, kind: 'dependsOn', path: `dependsOn[${i}]` }));
  return out;
}
