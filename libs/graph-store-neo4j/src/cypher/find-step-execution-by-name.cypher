MATCH (s:StepExecution {executionId: $executionId, stepName: $stepName})
RETURN s.id AS id
