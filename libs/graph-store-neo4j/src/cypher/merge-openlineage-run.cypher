// A run node (created on first sight, also when only named as another run's parent), then its job.
// Hazard: reads are read-committed, so the job rank is compared only after the node's write lock is
// taken (SET/REMOVE _lock, held until commit); otherwise two events could both beat the same old
// rank. A job of higher rank (the run's own events outrank a child's parent facet; then the later
// event) replaces the job and its ASSOCIATED_WITH edge, so arrival order does not matter.
MATCH (c:Context {id: $jobContextId})
MERGE (r:LineageNode {id: $id})
  ON CREATE SET
    r:OpenLineageRun,
    r.nodeType = 'OpenLineageRun',
    r.runId = $runId
SET r._lock = true
REMOVE r._lock
WITH c, r, r.jobRank IS NULL OR $jobRank > r.jobRank AS jobWins
FOREACH (old IN CASE
    WHEN jobWins THEN [(r)-[a:ASSOCIATED_WITH]->(other:Context) WHERE other.type = 'OpenLineageJob' AND other.id <> c.id | a]
    ELSE []
  END |
  DELETE old
)
FOREACH (_ IN CASE WHEN jobWins THEN [1] ELSE [] END |
  SET
    r.jobNamespace = $jobNamespace,
    r.jobName = $jobName,
    r.jobRank = $jobRank
  MERGE (r)-[:ASSOCIATED_WITH]->(c)
)
RETURN r.id AS id
