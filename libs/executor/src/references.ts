import type { ConditionExpr, StepDefinition, ValueExpr } from '@pedigree/sdk';

/** What a step needs from another step: an output channel, a property file, a callback value, or just its success. */
export type StepNeed =
  | { readonly step: string; readonly kind: 'output'; readonly output: string }
  | { readonly step: string; readonly kind: 'propertyFile'; readonly propertyFile: string }
  | { readonly step: string; readonly kind: 'callbackOutput'; readonly output: string }
  | { readonly step: string; readonly kind: 'success' };

/** Every need of a step on other steps (data references and `dependsOn`; branch membership is added by the caller). */
export function stepNeeds(step: StepDefinition): StepNeed[] {
  const out: StepNeed[] = [];
  const visit = (expr: ValueExpr): void => {
    switch (expr.kind) {
      case 'output':
        out.push({ step: expr.step, kind: 'output', output: expr.output });
        return;
      case 'jsonGet':
        out.push({ step: expr.step, kind: 'propertyFile', propertyFile: expr.propertyFile });
        return;
      case 'callbackOutput':
        out.push({ step: expr.step, kind: 'callbackOutput', output: expr.output });
        return;
      case 'join':
        expr.values.forEach(visit);
        return;
      default:
        return;
    }
  };
  const visitCondition = (c: ConditionExpr): void => {
    switch (c.kind) {
      case 'in':
        visit(c.value);
        c.values.forEach(visit);
        return;
      case 'not':
        visitCondition(c.condition);
        return;
      case 'and':
      case 'or':
        c.conditions.forEach(visitCondition);
        return;
      default:
        visit(c.left);
        visit(c.right);
    }
  };
  switch (step.type) {
    case 'processing':
    case 'training':
    case 'evaluation':
      if (step.run.kind === 'command') step.run.argv.forEach(visit);
      Object.values(step.arguments).forEach(visit);
      Object.values(step.environment).forEach(visit);
      for (const input of step.inputs)
        if (input.source.kind === 'output') out.push({ step: input.source.step, kind: 'output', output: input.source.output });
      break;
    case 'condition':
      step.conditions.forEach(visitCondition);
      break;
    case 'fail':
      visit(step.errorMessage);
      break;
    case 'register-model':
      Object.values(step.metrics).forEach(visit);
      out.push({ step: step.model.step, kind: 'output', output: step.model.output });
      if (step.metricsArtifact) out.push({ step: step.metricsArtifact.step, kind: 'output', output: step.metricsArtifact.output });
      break;
    case 'callback':
      if (step.message) visit(step.message);
      break;
  }
  for (const name of step.dependsOn) out.push({ step: name, kind: 'success' });
  return out;
}
