import { canonicalDigest, digestBytes, type ArtifactType, type JsonObject } from '@pedigree/domain';
import type { ArtifactInput } from '@pedigree/graph-store';

/*
 * A synthetic lineage graph shaped like real pipeline runs: per pipeline a chain of executions,
 * each `prep -> train -> eval`. prep fans in the run's fresh raw data, the previous run's clean
 * data (so lineage runs deep along the chain) and an older dataset of any pipeline (cross-pipeline
 * fan-in); train fans out two models and metrics; eval reads one model and a shared holdout set.
 * Deterministic for a seed.
 */

/** mulberry32: small, fast, seedable. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticStep {
  readonly name: 'prep' | 'train' | 'eval';
  readonly stepType: 'processing' | 'training' | 'evaluation';
  readonly inputs: readonly { readonly name: string; readonly artifact: ArtifactInput }[];
  readonly outputs: readonly { readonly name: string; readonly artifact: ArtifactInput }[];
}

export interface SyntheticExecution {
  readonly pipeline: number;
  readonly steps: readonly SyntheticStep[];
}

export interface SyntheticGraph {
  readonly pipelines: readonly { readonly name: string; readonly definition: JsonObject; readonly definitionHash: string }[];
  readonly executions: readonly SyntheticExecution[];
  /** Distinct artifacts the executions mention. */
  readonly artifactCount: number;
  /** CONSUMED_BY + PRODUCED edges the step results create. */
  readonly dataEdgeCount: number;
  readonly models: readonly ArtifactInput[];
  readonly datasets: readonly ArtifactInput[];
}

function artifact(uri: string, type: ArtifactType, name: string, rows: number): ArtifactInput {
  return {
    uri,
    digest: digestBytes(uri),
    type,
    name,
    size: rows * 64,
    properties: { rows, format: type === 'Model' ? 'onnx' : 'parquet' },
  };
}

/** Builds executions until about `targetArtifacts` distinct artifacts exist. */
export function buildSyntheticGraph(targetArtifacts: number, seed = 42, pipelineCount = 20): SyntheticGraph {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pipelines = Array.from({ length: pipelineCount }, (_, p) => {
    const definition = { name: `bench-pipeline-${p}`, steps: ['prep', 'train', 'eval'] };
    return { name: definition.name, definition, definitionHash: canonicalDigest(definition) };
  });
  const holdouts = pipelines.map((p) => artifact(`s3://bench/${p.name}/holdout.parquet`, 'DataSet', 'holdout', 1000));
  const code = pipelines.map((p) => artifact(`s3://bench/${p.name}/train.py`, 'Code', 'train.py', 1));
  const previousClean: (ArtifactInput | null)[] = pipelines.map(() => null);
  const datasets: ArtifactInput[] = [];
  const models: ArtifactInput[] = [];
  const executions: SyntheticExecution[] = [];
  let artifactCount = holdouts.length + code.length;
  let dataEdgeCount = 0;
  for (let e = 0; artifactCount < targetArtifacts; e += 1) {
    const p = e % pipelineCount;
    const name = pipelines[p]!.name;
    const run = Math.floor(e / pipelineCount);
    if (run > 0 && run % 50 === 0) {
      // Code changes now and then: a new version at the same URI.
      code[p] = { ...code[p]!, digest: digestBytes(`${code[p]!.uri}#${e}`) };
      artifactCount += 1;
    }
    const raw = artifact(`s3://bench/${name}/raw/${e}.parquet`, 'DataSet', `raw-${e}`, 100 + e);
    const clean = artifact(`s3://bench/${name}/clean/${e}.parquet`, 'DataSet', `clean-${e}`, 90 + e);
    const modelA = artifact(`s3://bench/${name}/models/${e}-a.onnx`, 'Model', `model-${e}-a`, 1);
    const modelB = artifact(`s3://bench/${name}/models/${e}-b.onnx`, 'Model', `model-${e}-b`, 1);
    const metrics = artifact(`s3://bench/${name}/metrics/${e}.json`, 'Metrics', `metrics-${e}`, 1);
    const report = artifact(`s3://bench/${name}/reports/${e}.html`, 'Report', `report-${e}`, 1);
    const prepInputs = [{ name: 'raw', artifact: raw }];
    const prev = previousClean[p];
    if (prev) prepInputs.push({ name: 'previous', artifact: prev });
    if (datasets.length > 0) {
      const older = pick(datasets);
      if (older !== prev) prepInputs.push({ name: 'reference', artifact: older });
    }
    const steps: SyntheticStep[] = [
      { name: 'prep', stepType: 'processing', inputs: prepInputs, outputs: [{ name: 'clean', artifact: clean }] },
      {
        name: 'train',
        stepType: 'training',
        inputs: [
          { name: 'train', artifact: clean },
          { name: 'code', artifact: code[p]! },
        ],
        outputs: [
          { name: 'modelA', artifact: modelA },
          { name: 'modelB', artifact: modelB },
          { name: 'metrics', artifact: metrics },
        ],
      },
      {
        name: 'eval',
        stepType: 'evaluation',
        inputs: [
          { name: 'model', artifact: modelA },
          { name: 'holdout', artifact: holdouts[p]! },
        ],
        outputs: [{ name: 'report', artifact: report }],
      },
    ];
    executions.push({ pipeline: p, steps });
    for (const s of steps) dataEdgeCount += s.inputs.length + s.outputs.length;
    artifactCount += 6;
    previousClean[p] = clean;
    datasets.push(raw, clean);
    models.push(modelA, modelB);
  }
  return { pipelines, executions, artifactCount, dataEdgeCount, models, datasets };
}
