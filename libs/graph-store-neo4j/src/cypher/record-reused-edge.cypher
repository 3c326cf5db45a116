MATCH (s:StepExecution {id: $stepExecutionId})
MATCH (reused:StepExecution {id: $reusedStepExecutionId})
MERGE (s)-[r:REUSED]->(reused)
RETURN count(r) AS recorded
