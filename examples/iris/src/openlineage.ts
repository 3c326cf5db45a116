/**
 * The iris data's upstream, as the systems that built it reported it through OpenLineage: a
 * nightly Airflow DAG (`iris_warehouse`) whose `load_raw` task runs a Spark job loading the landed
 * CSV (`s3://iris-landing`, `iris/iris.csv`) into `raw.iris_measurements`, and whose `dbt_run` task
 * builds `analytics.iris_clean` from it with dbt (schema, column lineage, SQL). The events are
 * committed under `openlineage/`; the demo ingests them before its first run, and `PrepareData`
 * declares `analytics.iris_clean` as an input, so a model's provenance reaches the landed CSV.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** OpenLineage namespace of the warehouse (OpenLineage's naming: `postgres://host:port`). */
export const IRIS_WAREHOUSE_NAMESPACE = 'postgres://warehouse.internal:5432';
/** The dbt model the pipeline reads. */
export const IRIS_WAREHOUSE_TABLE = 'analytics.iris_clean';
/** The raw table the Spark job loads from the CSV. */
export const IRIS_RAW_TABLE = 'raw.iris_measurements';
/** The landed CSV the Spark job reads. */
export const IRIS_LANDING_DATASET = { namespace: 's3://iris-landing', name: 'iris/iris.csv' } as const;
/**
 * The step input naming `analytics.iris_clean` (the namespace percent-encoded, as
 * `openLineageDatasetUri` of @pedigree/domain writes it).
 */
export const IRIS_WAREHOUSE_URI = `openlineage://${encodeURIComponent(IRIS_WAREHOUSE_NAMESPACE)}/${IRIS_WAREHOUSE_TABLE}`;

const EVENTS_DIR = fileURLToPath(new URL('../openlineage/', import.meta.url));

/** The committed event files (absolute paths, sorted). */
export function irisOpenLineageEventFiles(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(EVENTS_DIR, f));
}

/** Every committed event, file by file in name order (each file holds an array of events). */
export function loadIrisOpenLineageEvents(): unknown[] {
  return irisOpenLineageEventFiles().flatMap((file) => {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}
