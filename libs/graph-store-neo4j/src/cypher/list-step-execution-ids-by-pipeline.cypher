MATCH (s:StepExecution {pipelineName: $pipelineName})
RETURN s.id AS id
