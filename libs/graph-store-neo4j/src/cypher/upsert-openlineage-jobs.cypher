// Job Contexts (id = openLineageJobContextId(namespace, name)). createdAt is the earliest eventTime
// that named the job, compared after the write lock so concurrent events cannot lose the minimum.
UNWIND $jobs AS job
MERGE (c:LineageNode {id: job.id})
  ON CREATE SET
    c:Context,
    c.nodeType = 'Context',
    c.type = 'OpenLineageJob',
    c.name = job.name,
    c.properties = job.properties,
    c.createdAt = datetime($eventTime)
SET c._lock = true
REMOVE c._lock
SET c.createdAt = CASE WHEN datetime($eventTime) < c.createdAt THEN datetime($eventTime) ELSE c.createdAt END
RETURN count(c) AS upserted
