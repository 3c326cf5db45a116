CREATE INDEX openlineage_run_job IF NOT EXISTS FOR (r:OpenLineageRun) ON (r.jobNamespace, r.jobName)
