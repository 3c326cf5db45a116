import { artifactIdFor, digestBytes } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { artifactIdOf } from './node-keys.ts';

describe('artifactIdOf (the ingest fast path)', () => {
  it('gives the same id as artifactIdFor of @pedigree/domain', () => {
    const uris = [
      's3://bucket/data.csv',
      '',
      'file:///tmp/ünïcödé/数据.parquet',
      'gs://b/\u0000nul',
      `s3://long/${'x'.repeat(5000)}`,
      '🙂://emoji',
    ];
    for (const uri of uris) {
      for (const digest of [digestBytes(uri), digestBytes('other'), 'sha256:' + '0'.repeat(64)]) {
        expect(artifactIdOf(uri, digest)).toBe(artifactIdFor(uri, digest));
      }
    }
  });
});
