export * from './artifact-store.ts';
export { ARTIFACT_URI_PREFIX, createLocalArtifactStore, type LocalArtifactStoreOptions } from './local-artifact-store.ts';
