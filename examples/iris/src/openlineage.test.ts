import { openLineageDatasetUri, parseOpenLineageDatasetUri } from '@pedigree/domain';
import type { JobStepDefinition } from '@pedigree/sdk';
import { describe, expect, it } from 'vitest';
import {
  compileIrisPipeline,
  IRIS_LANDING_DATASET,
  IRIS_RAW_TABLE,
  IRIS_WAREHOUSE_NAMESPACE,
  IRIS_WAREHOUSE_TABLE,
  IRIS_WAREHOUSE_URI,
  loadIrisOpenLineageEvents,
} from './index.ts';

interface Dataset {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
}
interface Event {
  eventType: string;
  run: { runId: string; facets?: { parent?: { run: { runId: string } } } };
  job: { namespace: string; name: string };
  inputs: Dataset[];
  outputs: Dataset[];
}

describe("the iris data's OpenLineage events", () => {
  const events = loadIrisOpenLineageEvents() as Event[];
  const completeOf = (jobNamespace: string) => events.find((e) => e.job.namespace === jobNamespace && e.eventType === 'COMPLETE')!;

  it('names the dataset PrepareData declares: the step input is the URI of (namespace, analytics.iris_clean)', () => {
    expect(IRIS_WAREHOUSE_URI).toBe(openLineageDatasetUri(IRIS_WAREHOUSE_NAMESPACE, IRIS_WAREHOUSE_TABLE));
    expect(parseOpenLineageDatasetUri(IRIS_WAREHOUSE_URI)).toEqual({ namespace: IRIS_WAREHOUSE_NAMESPACE, name: IRIS_WAREHOUSE_TABLE });
    const prepare = compileIrisPipeline().definition.steps.find((s) => s.name === 'PrepareData') as JobStepDefinition;
    expect(prepare.inputs.map((i) => [i.name, i.source])).toEqual([
      ['raw', { kind: 'uri', uri: 'data/iris.csv' }],
      ['warehouse', { kind: 'uri', uri: IRIS_WAREHOUSE_URI }],
    ]);
  });

  it('chain CSV -> Spark -> raw table -> dbt -> analytics table, each run a START and a COMPLETE under an Airflow task', () => {
    const spark = completeOf('spark://spark-master.internal:7077');
    expect(spark.inputs.map((d) => [d.namespace, d.name])).toEqual([[IRIS_LANDING_DATASET.namespace, IRIS_LANDING_DATASET.name]]);
    expect(spark.outputs.map((d) => [d.namespace, d.name])).toEqual([[IRIS_WAREHOUSE_NAMESPACE, IRIS_RAW_TABLE]]);
    const dbt = completeOf('dbt');
    expect(dbt.inputs.map((d) => [d.namespace, d.name])).toEqual([[IRIS_WAREHOUSE_NAMESPACE, IRIS_RAW_TABLE]]);
    expect(dbt.outputs.map((d) => [d.namespace, d.name])).toEqual([[IRIS_WAREHOUSE_NAMESPACE, IRIS_WAREHOUSE_TABLE]]);
    expect(Object.keys(dbt.outputs[0]!.facets ?? {})).toEqual(expect.arrayContaining(['schema', 'columnLineage']));

    const runs = new Map<string, string[]>();
    for (const e of events) runs.set(e.run.runId, [...(runs.get(e.run.runId) ?? []), e.eventType]);
    expect([...runs.values()].every((types) => types.join() === 'START,COMPLETE')).toBe(true);
    const airflowRuns = new Set(events.filter((e) => e.job.namespace === 'airflow').map((e) => e.run.runId));
    for (const e of [spark, dbt]) expect(airflowRuns.has(e.run.facets?.parent?.run.runId ?? '')).toBe(true);
  });
});
