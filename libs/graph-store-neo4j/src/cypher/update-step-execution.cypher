// Optimistic step change: the adapter computed the new state from the revision it read; it is
// written only if status and revision are still those (checked after taking the write lock, see
// update-execution.cypher). No row: unknown step. applied = false: another writer won.
MATCH (s:StepExecution {id: $id})
SET s._lock = true
REMOVE s._lock
WITH s, s.status = $from AND s.revision = $revision AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET
    s.status = $status,
    s.attempt = $attempt,
    s.attempts = $attempts,
    s.cacheKey = $cacheKey,
    s.cacheHit = $cacheHit,
    s.reusedStepExecutionId = $reusedStepExecutionId,
    s.cacheMiss = $cacheMiss,
    s.startedAt = datetime($startedAt),
    s.endedAt = datetime($endedAt),
    s.failureReason = $failureReason,
    s.resolvedArguments = $resolvedArguments,
    s.properties = $properties,
    s.revision = s.revision + 1
)
RETURN s {.*} AS step, applied
