CREATE INDEX pipeline_version_number IF NOT EXISTS FOR (v:PipelineVersion) ON (v.pipelineName, v.version)
