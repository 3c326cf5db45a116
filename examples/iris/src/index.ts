/** The iris demo pipeline, ready to upsert and run (the API's `npm start` does so on an empty store). */
import { fileURLToPath } from 'node:url';
import { compilePipeline, type CompiledPipeline } from '@pedigree/sdk';
import { irisPipeline } from './pipeline.ts';

export { irisPipeline, IRIS_DATA_PATH, IRIS_MODEL_PACKAGE_GROUP, IRIS_PIPELINE_NAME } from './pipeline.ts';
export { IRIS_DEFAULTS } from './defaults.ts';
export {
  IRIS_LANDING_DATASET,
  IRIS_RAW_TABLE,
  IRIS_WAREHOUSE_NAMESPACE,
  IRIS_WAREHOUSE_TABLE,
  IRIS_WAREHOUSE_URI,
  irisOpenLineageEventFiles,
  loadIrisOpenLineageEvents,
} from './openlineage.ts';

/** Absolute path of examples/iris: the project root that the pipeline's handler and data paths are relative to. */
export const irisProjectRoot: string = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** Compiles the iris pipeline against its project root; throws ValidationError (VALIDATION_FAILED) if it is invalid. */
export function compileIrisPipeline(): CompiledPipeline {
  return compilePipeline(irisPipeline, { projectRoot: irisProjectRoot });
}
