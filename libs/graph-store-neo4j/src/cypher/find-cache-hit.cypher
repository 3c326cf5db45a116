// The most recent Succeeded, not invalidated step execution with the key, and its outputs.
MATCH (s:StepExecution {cacheKey: $cacheKey})
WHERE s.status = 'Succeeded'
  AND NOT coalesce(s.cacheInvalidated, false)
  AND ($notBefore IS NULL OR s.endedAt >= datetime($notBefore))
  AND ($excludeExecutionId IS NULL OR s.executionId <> $excludeExecutionId)
WITH s
ORDER BY s.endedAt DESC, s.id DESC
LIMIT 1
OPTIONAL MATCH (s)-[r:PRODUCED]->(a:Artifact)
WITH s, r, a
ORDER BY r.name
RETURN s {.*} AS step, collect(CASE WHEN a IS NULL THEN null ELSE {name: r.name, artifact: a {.*}} END) AS outputs
