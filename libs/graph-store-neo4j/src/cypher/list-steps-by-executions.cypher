UNWIND $executionIds AS executionId
MATCH (s:StepExecution)-[:PART_OF]->(:PipelineExecution {id: executionId})
RETURN executionId, s {.*} AS step
