import type { GraphStore } from '@pedigree/graph-store';
import path from 'node:path';
import type { ApiToken, Logger } from '@pedigree/runtime';
import { createAdminService, type AdminService } from './modules/admin/admin-service.ts';
import { createArtifactService, type ArtifactService } from './modules/artifact/artifact-service.ts';
import type { ExecutionControl } from './modules/execution/execution-control.ts';
import { createExecutionService, type ExecutionService } from './modules/execution/execution-service.ts';
import { createLineageService, type LineageService } from './modules/lineage/lineage-service.ts';
import { createModelService, type ModelService } from './modules/model/model-service.ts';
import { createOpenLineageService, type OpenLineageService } from './modules/openlineage/openlineage-service.ts';
import { createPipelineService, type PipelineService } from './modules/pipeline/pipeline-service.ts';
import { createScheduleService, type ScheduleService } from './modules/schedule/schedule-service.ts';

/** The services behind the resolvers: stateless, created once per server. */
export interface Services {
  readonly pipelines: PipelineService;
  readonly executions: ExecutionService;
  readonly artifacts: ArtifactService;
  readonly lineage: LineageService;
  readonly models: ModelService;
  readonly admin: AdminService;
  readonly schedules: ScheduleService;
  readonly openLineage: OpenLineageService;
}

export interface ServiceDeps {
  readonly store: GraphStore;
  readonly control: ExecutionControl;
  readonly tokens: readonly ApiToken[];
  readonly anonymousAccess: boolean;
  /** Holds `schedules.json`. */
  readonly dataDir: string;
  readonly logger: Logger;
}

export function createServices(deps: ServiceDeps): Services {
  const executions = createExecutionService(deps.store, deps.control);
  return {
    pipelines: createPipelineService(deps.store),
    executions,
    artifacts: createArtifactService(deps.store),
    lineage: createLineageService(deps.store),
    models: createModelService(deps.store),
    admin: createAdminService(deps.store, deps.tokens, deps.anonymousAccess),
    schedules: createScheduleService({
      file: path.join(deps.dataDir, 'schedules.json'),
      store: deps.store,
      executions,
      logger: deps.logger,
    }),
    openLineage: createOpenLineageService(deps.store),
  };
}
