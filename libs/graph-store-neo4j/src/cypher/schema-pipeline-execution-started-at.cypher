CREATE INDEX pipeline_execution_started_at IF NOT EXISTS FOR (e:PipelineExecution) ON (e.startedAt)
