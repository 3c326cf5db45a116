// Optimistic status change. Hazard: Neo4j reads are read-committed, so the check must come after
// the write lock (SET/REMOVE _lock); otherwise two writers could both see $from and both win.
// No row: the execution does not exist. applied = false: another writer changed it first.
MATCH (e:PipelineExecution {id: $id})
SET e._lock = true
REMOVE e._lock
WITH e, e.status = $from AND e.revision = $revision AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET
    e.status = $status,
    e.endedAt = datetime($endedAt),
    e.failureReason = $failureReason,
    e.revision = e.revision + 1
)
RETURN e {.*} AS execution, applied
