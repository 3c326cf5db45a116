MATCH (e:PipelineExecution {id: $id})
RETURN e {.*} AS execution
