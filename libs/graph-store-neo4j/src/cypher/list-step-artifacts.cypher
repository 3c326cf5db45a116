// Inputs (CONSUMED_BY, artifact -> step) and outputs (PRODUCED, step -> artifact) of several steps.
UNWIND $stepExecutionIds AS stepExecutionId
MATCH (s:StepExecution {id: stepExecutionId})
MATCH (s)-[r:CONSUMED_BY|PRODUCED]-(a:Artifact)
RETURN
  stepExecutionId,
  CASE type(r) WHEN 'CONSUMED_BY' THEN 'input' ELSE 'output' END AS direction,
  r.name AS name,
  a {.*} AS artifact
ORDER BY stepExecutionId, direction, name
