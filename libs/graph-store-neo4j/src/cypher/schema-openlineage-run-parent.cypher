CREATE INDEX openlineage_run_parent IF NOT EXISTS FOR (r:OpenLineageRun) ON (r.parentRunId)
