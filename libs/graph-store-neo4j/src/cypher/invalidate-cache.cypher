// Marks step executions as not reusable; returns only those that changed (Succeeded and not yet
// invalidated), so a repeat returns nothing.
UNWIND $stepExecutionIds AS id
MATCH (s:StepExecution {id: id})
WHERE s.status = 'Succeeded' AND NOT coalesce(s.cacheInvalidated, false)
SET s.cacheInvalidated = true, s.revision = s.revision + 1
RETURN s.id AS id
ORDER BY id
