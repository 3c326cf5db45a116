import type { Artifact, ArtifactType } from '@pedigree/domain';
import type { GraphStore, Page } from '@pedigree/graph-store';
import { toPageRequest, type PageArgs } from '../../pagination.ts';

export interface ArtifactFilterArgs {
  readonly types?: readonly ArtifactType[] | null;
  readonly name?: string | null;
  readonly uriPrefix?: string | null;
  readonly createdAfter?: string | null;
  readonly createdBefore?: string | null;
}

/** Artifact lookups, listing and full-text search. */
export interface ArtifactService {
  findByUri(uri: string, digest: string | null): Promise<Artifact | null>;
  list(filter: ArtifactFilterArgs, page: PageArgs): Promise<Page<Artifact>>;
  search(text: string, types: readonly ArtifactType[] | null, page: PageArgs): Promise<Page<Artifact>>;
}

export function createArtifactService(store: GraphStore): ArtifactService {
  return {
    findByUri: (uri, digest) => store.findArtifact({ uri, digest }),
    list: (filter, page) =>
      store.listArtifacts({
        ...toPageRequest(page),
        ...(filter.types?.length ? { types: filter.types } : {}),
        ...(filter.name ? { name: filter.name } : {}),
        ...(filter.uriPrefix ? { uriPrefix: filter.uriPrefix } : {}),
        ...(filter.createdAfter ? { createdAfter: filter.createdAfter } : {}),
        ...(filter.createdBefore ? { createdBefore: filter.createdBefore } : {}),
      }),
    search: (text, types, page) => store.searchArtifacts({ ...toPageRequest(page), text, ...(types?.length ? { types } : {}) }),
  };
}
