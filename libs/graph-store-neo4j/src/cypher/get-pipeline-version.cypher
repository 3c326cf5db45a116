MATCH (v:PipelineVersion {id: $id})
RETURN v {.*} AS version
