// The latest earlier execution of the same pipeline step that has a cache key (explains a miss).
MATCH (s:StepExecution {pipelineName: $pipelineName, stepName: $stepName})
WHERE s.cacheKey IS NOT NULL
  AND ($before IS NULL OR s.startedAt < datetime($before))
  AND ($excludeExecutionId IS NULL OR s.executionId <> $excludeExecutionId)
RETURN s {.*} AS step
ORDER BY s.startedAt DESC, s.id DESC
LIMIT 1
