import { canonicalDigest, type JsonObject, type Pipeline, type PipelineVersion, type PipelineVersionId } from '@pedigree/domain';
import type { GraphStore, Page } from '@pedigree/graph-store';
import { parseDefinition } from '@pedigree/sdk';
import type { PageArgs } from '../../pagination.ts';
import { toPageRequest } from '../../pagination.ts';
import { buildPipelineDag, type PipelineDag } from './dag.ts';

export interface UpsertPipelineOutcome {
  readonly pipeline: Pipeline;
  readonly version: PipelineVersion;
  readonly created: boolean;
}

/** Pipelines and their versions: validation of definitions and the drawing-ready DAG. */
export interface PipelineService {
  list(args: PageArgs & { readonly search?: string | null }): Promise<Page<Pipeline>>;
  find(name: string): Promise<Pipeline | null>;
  /** The version by number, the newest when `version` is null; null when absent. */
  findVersion(pipelineName: string, version: number | null): Promise<PipelineVersion | null>;
  findVersionById(id: PipelineVersionId): Promise<PipelineVersion | null>;
  listVersions(pipelineName: string, args: PageArgs): Promise<Page<PipelineVersion>>;
  /** Throws VALIDATION_FAILED with the definition's field paths. */
  upsert(definition: unknown): Promise<UpsertPipelineOutcome>;
  dag(version: PipelineVersion): PipelineDag;
}

export function createPipelineService(store: GraphStore): PipelineService {
  // Definitions are immutable per version id, so their DAG is too; keep a bounded memo.
  const dagCache = new Map<string, PipelineDag>();
  return {
    list: (args) => store.listPipelines({ ...toPageRequest(args), ...(args.search ? { search: args.search } : {}) }),
    find: (name) => store.findPipeline(name),
    async findVersion(pipelineName, version) {
      if (version !== null) return store.findPipelineVersion(pipelineName, version);
      const pipeline = await store.findPipeline(pipelineName);
      return pipeline ? store.findPipelineVersion(pipelineName, pipeline.latestVersion) : null;
    },
    async findVersionById(id) {
      try {
        return await store.getPipelineVersion(id);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    listVersions: (pipelineName, args) => store.listPipelineVersions(pipelineName, toPageRequest(args)),
    async upsert(input) {
      const definition = parseDefinition(input);
      const document = definition as unknown as JsonObject;
      const result = await store.upsertPipelineVersion({
        pipelineName: definition.name,
        description: definition.description,
        definition: document,
        definitionHash: canonicalDigest(document),
      });
      return result;
    },
    dag(version) {
      let dag = dagCache.get(version.id);
      if (!dag) {
        dag = buildPipelineDag(version.definition);
        if (dagCache.size >= 500) dagCache.delete(dagCache.keys().next().value!);
        dagCache.set(version.id, dag);
      }
      return dag;
    },
  };
}
