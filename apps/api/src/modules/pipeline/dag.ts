import { analyzeDefinition, parseDefinition, stepReferences, type PipelineDefinition } from '@pedigree/sdk';
import type { JsonObject } from '@pedigree/domain';

export interface DagNode {
  readonly name: string;
  readonly type: string;
  readonly displayName: string | null;
  readonly description: string | null;
  readonly order: number;
  readonly condition: string | null;
  readonly branch: 'IF' | 'ELSE' | null;
}

export interface DagEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'DATA' | 'ORDER' | 'CONDITION_IF' | 'CONDITION_ELSE';
}

export interface PipelineDag {
  readonly nodes: readonly DagNode[];
  readonly edges: readonly DagEdge[];
}

/**
 * The step graph of a stored definition, for drawing: nodes in the SDK's deterministic topological
 * order, one edge per (earlier step, later step, reason). Stored definitions passed validation when
 * they were upserted, so parsing them again cannot fail for a user reason.
 */
export function buildPipelineDag(document: JsonObject): PipelineDag {
  const definition: PipelineDefinition = parseDefinition(document);
  const analysis = analyzeDefinition(definition);
  const byName = new Map(definition.steps.map((s) => [s.name, s]));
  const nodes = analysis.order.map((name, order): DagNode => {
    const step = byName.get(name)!;
    const branch = analysis.branchOf.get(name);
    return {
      name,
      type: step.type,
      displayName: step.displayName,
      description: step.description,
      order,
      condition: branch?.condition ?? null,
      branch: branch ? (branch.branch === 'if' ? 'IF' : 'ELSE') : null,
    };
  });
  const edges: DagEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, kind: DagEdge['kind']): void => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (seen.has(key) || !byName.has(from) || !byName.has(to) || from === to) return;
    seen.add(key);
    edges.push({ from, to, kind });
  };
  for (const name of analysis.order) {
    const step = byName.get(name)!;
    for (const ref of stepReferences(step)) {
      if (ref.kind === 'branch') continue;
      add(ref.step, name, ref.kind === 'dependsOn' ? 'ORDER' : 'DATA');
    }
    if (step.type === 'condition') {
      for (const member of step.ifSteps) add(name, member, 'CONDITION_IF');
      for (const member of step.elseSteps) add(name, member, 'CONDITION_ELSE');
    }
  }
  return { nodes, edges };
}
