import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExecutionId } from '@pedigree/domain';
import type { Logger } from '@pedigree/runtime';
import type { PipelineDefinition, StepDefinition } from '@pedigree/sdk';
import type { Services } from './services.ts';

/** What the demo needs from an example package: a compiled definition and the root its paths are relative to. */
export interface DemoPipeline {
  readonly definition: PipelineDefinition;
  readonly projectRoot: string;
  /** OpenLineage events of the data's upstream (Airflow, Spark, dbt), ingested before the first run. */
  readonly openLineageEvents: readonly unknown[];
}

/** The iris demo from `@pedigree/example-iris`, or null when that package cannot be loaded. */
export async function loadIrisDemo(logger: Logger): Promise<DemoPipeline | null> {
  try {
    const iris = await import('@pedigree/example-iris');
    return {
      definition: iris.compileIrisPipeline().definition,
      projectRoot: iris.irisProjectRoot,
      openLineageEvents: iris.loadIrisOpenLineageEvents(),
    };
  } catch (error) {
    logger.warn({ err: error }, 'the iris demo is not available; skipping it');
    return null;
  }
}

/**
 * Rewrites a definition's project-relative paths (handler modules, `uri` inputs) from the
 * example's own root to the server's project root, so the executor finds them. Stays relative (and
 * machine-independent) when the example lives below the project root; `file://` otherwise.
 */
export function rebaseDefinition(definition: PipelineDefinition, fromRoot: string, toRoot: string): PipelineDefinition {
  const relative = path.relative(toRoot, fromRoot);
  const below = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  const rebase = (p: string): string => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || path.isAbsolute(p)) return p;
    return below ? path.posix.join(relative.split(path.sep).join('/'), p) : pathToFileURL(path.join(fromRoot, p)).href;
  };
  const steps = definition.steps.map((step): StepDefinition => {
    if (step.type !== 'processing' && step.type !== 'training' && step.type !== 'evaluation') return step;
    return {
      ...step,
      run: step.run.kind === 'handler' ? { ...step.run, module: rebase(step.run.module) } : step.run,
      inputs: step.inputs.map((input) =>
        input.source.kind === 'uri' ? { ...input, source: { kind: 'uri', uri: rebase(input.source.uri) } } : input,
      ),
    };
  });
  return { ...definition, steps };
}

/**
 * On an empty store, ingests the demo's OpenLineage events (so its OpenLineage inputs link to the
 * upstream runs and tables), upserts the demo pipeline and starts one execution, so that a fresh
 * server has something real to show. Returns the execution id, or null when nothing was started.
 */
export async function runDemoOnEmptyStore(
  services: Services,
  demo: DemoPipeline | null,
  projectRoot: string,
  logger: Logger,
): Promise<ExecutionId | null> {
  if (!demo) return null;
  const existing = await services.pipelines.list({ first: 1 });
  if (existing.items.length > 0) return null;
  if (demo.openLineageEvents.length > 0) {
    try {
      const report = await services.openLineage.ingest([...demo.openLineageEvents]);
      const rejected = report.results.filter((r) => r.status === 'invalid');
      if (rejected.length > 0) logger.warn({ rejected }, 'demo: OpenLineage events rejected');
      logger.info(
        { created: report.created, duplicates: report.duplicates, invalid: report.invalid },
        'demo: ingested the upstream OpenLineage events',
      );
    } catch (error) {
      // The run still works without them: its OpenLineage input links to the unversioned dataset node.
      logger.warn({ err: error }, 'demo: could not ingest the upstream OpenLineage events');
    }
  }
  const definition = rebaseDefinition(demo.definition, demo.projectRoot, projectRoot);
  const { pipeline } = await services.pipelines.upsert(definition);
  const execution = await services.executions.start({
    pipelineName: pipeline.name,
    version: null,
    parameters: {},
    selective: null,
    createdBy: 'demo',
  });
  logger.info({ pipeline: pipeline.name, executionId: execution.id }, 'empty store: started the demo pipeline');
  return execution.id;
}
