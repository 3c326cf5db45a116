CREATE INDEX openlineage_run_started_at IF NOT EXISTS FOR (r:OpenLineageRun) ON (r.startedAt)
