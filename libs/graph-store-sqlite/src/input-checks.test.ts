import { describe, expect, it } from 'vitest';
import { digestBytes, type StepExecutionId } from '@pedigree/domain';
import type { ArtifactInput, ChannelArtifactInput, RecordStepResultInput } from '@pedigree/graph-store';
import { artifactIssues, stepResultIssues } from './input-checks.ts';

const artifact = (uri: string): ArtifactInput => ({ uri, digest: digestBytes(uri), type: 'DataSet', name: 'a', size: 1 });
const result = (inputs: ChannelArtifactInput[], outputs: ChannelArtifactInput[] = []): RecordStepResultInput => ({
  stepExecutionId: 'se_1' as StepExecutionId,
  from: 'Executing',
  status: 'Succeeded',
  inputs,
  outputs,
});

describe('step result checks (paths are built only for problems)', () => {
  it('a valid result has no issues', () => {
    expect(
      stepResultIssues(result([{ name: 'in', artifact: artifact('mem://a') }], [{ name: 'out', artifact: artifact('mem://b') }])),
    ).toEqual([]);
  });

  it('names the exact path of a bad artifact field, under the batch prefix', () => {
    const bad = { ...artifact('mem://x'), digest: 'sha256:nope', size: -1 } as unknown as ArtifactInput;
    const issues = stepResultIssues(
      result([
        { name: 'a', artifact: artifact('mem://a') },
        { name: 'b', artifact: bad },
      ]),
      '[3]',
    );
    expect(issues.map((i) => i.path)).toEqual(['[3].inputs[1].artifact.digest', '[3].inputs[1].artifact.size']);
    expect(stepResultIssues(result([], [{ name: 'o', artifact: null as unknown as ArtifactInput }])).map((i) => i.path)).toEqual([
      'outputs[0].artifact',
    ]);
  });

  it('finds duplicate channel names in short lists and in long ones', () => {
    const short = [
      { name: 'x', artifact: artifact('mem://1') },
      { name: 'y', artifact: artifact('mem://2') },
      { name: 'x', artifact: artifact('mem://3') },
    ];
    expect(stepResultIssues(result(short)).map((i) => [i.path, i.message])).toEqual([['inputs[2].name', 'duplicate channel name "x"']]);
    const long = Array.from({ length: 40 }, (_, i) => ({ name: `c${i % 30}`, artifact: artifact(`mem://${i}`) }));
    expect(stepResultIssues(result([], long)).map((i) => i.path)).toEqual(Array.from({ length: 10 }, (_, k) => `outputs[${30 + k}].name`));
  });

  it('an artifact path given as a string is used as is', () => {
    expect(artifactIssues({ ...artifact('mem://q'), uri: '' }, '[7]').map((i) => i.path)).toEqual(['[7].uri']);
  });
});
