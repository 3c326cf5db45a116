import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const lit = (value: string | number | boolean) => ({ kind: 'literal', value });
const node = (script: string) => ({ kind: 'command', argv: [lit(process.execPath), lit('-e'), lit(script)] });

const PREPARE = `const fs = require('fs');
const text = fs.readFileSync(process.env.PEDIGREE_INPUT_RAW, 'utf8');
console.log('prepare read ' + text.length + ' bytes');
console.error('prepare warning: nothing to worry about');
fs.writeFileSync(process.env.PEDIGREE_OUTPUT_TRAIN + '/train.csv', text.toUpperCase());`;

const TRAIN = `const fs = require('fs');
const dir = process.env.PEDIGREE_INPUT_TRAIN;
const files = fs.readdirSync(dir);
if (process.env.PEDIGREE_ARG_FAIL === 'true') { console.error('asked to fail'); process.exit(3); }
console.log('training for ' + process.env.PEDIGREE_ARG_EPOCHS + ' epochs on ' + files.join(','));
fs.writeFileSync(process.env.PEDIGREE_OUTPUT_MODEL + '/model.json', JSON.stringify({ epochs: Number(process.env.PEDIGREE_ARG_EPOCHS), files }));`;

/** The dataset the small pipeline reads, relative to the project root. */
export const INPUT_PATH = 'data/input.csv';

export function writeInputData(projectRoot: string, content = 'a,b\n1,2\n'): void {
  mkdirSync(path.join(projectRoot, 'data'), { recursive: true });
  writeFileSync(path.join(projectRoot, INPUT_PATH), content);
}

/**
 * prepare (reads data/input.csv) -> train (Model, cached) -> register (model package group
 * `<name>-models`). Parameters: Epochs (Integer, default 3), Fail (Boolean, default false: train exits 3).
 */
export function smallPipeline(name = 'small'): Record<string, unknown> {
  return {
    schemaVersion: '1',
    name,
    description: 'A small test pipeline.',
    parameters: [
      { name: 'Epochs', type: 'Integer', default: 3, enum: null, description: 'Training epochs.' },
      { name: 'Fail', type: 'Boolean', default: false, enum: null, description: 'Make the train step fail.' },
    ],
    steps: [
      {
        name: 'prepare',
        type: 'processing',
        run: node(PREPARE),
        inputs: [{ name: 'raw', source: { kind: 'uri', uri: INPUT_PATH }, type: 'DataSet' }],
        outputs: [{ name: 'train', type: 'DataSet' }],
        cache: { enabled: true, expireAfter: null },
      },
      {
        name: 'train',
        type: 'training',
        run: node(TRAIN),
        inputs: [{ name: 'train', source: { kind: 'output', step: 'prepare', output: 'train' }, type: 'DataSet' }],
        outputs: [{ name: 'model', type: 'Model' }],
        arguments: { epochs: { kind: 'parameter', name: 'Epochs' }, fail: { kind: 'parameter', name: 'Fail' } },
        cache: { enabled: true, expireAfter: null },
      },
      {
        name: 'register',
        type: 'register-model',
        modelPackageGroup: `${name}-models`,
        model: { step: 'train', output: 'model' },
        approvalStatus: 'PendingManualApproval',
        metricsArtifact: null,
        metrics: {},
        description: 'the small model',
      },
    ],
  };
}

/** wait -> a callback step that needs a signal -> done. */
export function callbackPipeline(name = 'approval'): Record<string, unknown> {
  return {
    schemaVersion: '1',
    name,
    steps: [
      {
        name: 'approve',
        type: 'callback',
        message: lit('please approve'),
        outputs: [{ name: 'note', type: 'String' }],
        timeoutSeconds: null,
      },
      {
        name: 'after',
        type: 'processing',
        run: node("console.log('approved with ' + process.env.PEDIGREE_ARG_NOTE)"),
        arguments: { note: { kind: 'callbackOutput', step: 'approve', output: 'note' } },
      },
    ],
  };
}

/** One step that sleeps long enough to be stopped. */
export function slowPipeline(name = 'slow'): Record<string, unknown> {
  return {
    schemaVersion: '1',
    name,
    steps: [{ name: 'sleep', type: 'processing', run: node('setTimeout(() => {}, 30000)') }],
  };
}
