CREATE INDEX step_execution_pipeline_step IF NOT EXISTS FOR (s:StepExecution) ON (s.pipelineName, s.stepName)
