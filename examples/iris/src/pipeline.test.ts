import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobStepDefinition } from '@pedigree/sdk';
import { describe, expect, it } from 'vitest';
import { compileIrisPipeline, irisProjectRoot } from './index.ts';

describe('the compiled iris pipeline', () => {
  const { definition, json, definitionHash } = compileIrisPipeline();
  const jobs = definition.steps.filter((step): step is JobStepDefinition => 'run' in step);

  it('is the same document on every compile and holds no machine path', () => {
    expect(compileIrisPipeline().definitionHash).toBe(definitionHash);
    expect(json).not.toContain(irisProjectRoot);
    expect(json).not.toMatch(/file:\/\//);
  });

  it('names handler modules that exist and export the named function, and a raw dataset that exists', async () => {
    expect(jobs.map((step) => step.name)).toEqual(['PrepareData', 'TrainModel', 'EvaluateModel']);
    for (const step of jobs) {
      if (step.run.kind !== 'handler') throw new Error(`${step.name} is not a handler step`);
      const module = (await import(pathToFileURL(path.join(irisProjectRoot, step.run.module)).href)) as Record<string, unknown>;
      expect(typeof module[step.run.export], `${step.name} -> ${step.run.module}#${step.run.export}`).toBe('function');
    }
    const raw = jobs[0]!.inputs[0]!;
    expect(raw.source).toEqual({ kind: 'uri', uri: 'data/iris.csv' });
    expect(existsSync(path.join(irisProjectRoot, 'data/iris.csv'))).toBe(true);
  });

  it('caches prepare and train only', () => {
    expect(Object.fromEntries(jobs.map((step) => [step.name, step.cache.enabled]))).toEqual({
      PrepareData: true,
      TrainModel: true,
      EvaluateModel: false,
    });
  });

  it('registers the model when accuracy >= AccuracyThreshold and otherwise fails with the accuracy in the message', () => {
    const check = definition.steps.find((step) => step.name === 'CheckAccuracy');
    expect(check).toMatchObject({
      type: 'condition',
      conditions: [
        {
          kind: 'greaterThanOrEqual',
          left: { kind: 'jsonGet', step: 'EvaluateModel', propertyFile: 'EvaluationReport', path: 'accuracy' },
          right: { kind: 'parameter', name: 'AccuracyThreshold' },
        },
      ],
      ifSteps: ['RegisterModel'],
      elseSteps: ['AccuracyTooLow'],
    });
    expect(definition.steps.find((step) => step.name === 'RegisterModel')).toMatchObject({
      type: 'register-model',
      modelPackageGroup: 'iris-classifier',
      approvalStatus: 'PendingManualApproval',
      model: { step: 'TrainModel', output: 'model' },
      metricsArtifact: { step: 'EvaluateModel', output: 'evaluation' },
    });
    const fail = definition.steps.find((step) => step.name === 'AccuracyTooLow');
    expect(JSON.stringify(fail)).toContain('"path":"accuracy"');
  });
});
