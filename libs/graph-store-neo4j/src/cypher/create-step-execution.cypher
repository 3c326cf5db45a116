// One step execution per (execution, step name), guarded by the step_execution_step constraint;
// creating it again returns the existing one (created = false). No row when the execution is unknown.
MATCH (e:PipelineExecution {id: $executionId})
MERGE (s:StepExecution {executionId: $executionId, stepName: $stepName})
  ON CREATE SET
    s:LineageNode,
    s.id = $id,
    s.nodeType = 'StepExecution',
    s.pipelineName = e.pipelineName,
    s.stepType = $stepType,
    s.status = $status,
    s.attempt = $attempt,
    s.attempts = $attempts,
    s.cacheHit = false,
    s.cacheInvalidated = false,
    s.startedAt = datetime($startedAt),
    s.endedAt = datetime($endedAt),
    s.revision = 1,
    s._created = true
WITH e, s, coalesce(s._created, false) AS created
REMOVE s._created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (s)-[:PART_OF]->(e))
RETURN s {.*} AS step, created
