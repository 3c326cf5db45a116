import type { ArtifactType } from './gql/graphql.ts';

export const ARTIFACT_TYPES: readonly ArtifactType[] = ['DataSet', 'Model', 'Metrics', 'Code', 'Image', 'Report', 'Other'];

export function isArtifactType(value: string): value is ArtifactType {
  return (ARTIFACT_TYPES as readonly string[]).includes(value);
}
