MATCH (v:PipelineVersion {pipelineName: $pipelineName, version: $version})
RETURN v {.*} AS version
