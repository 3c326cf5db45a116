// A RunEvent's effect on its run (write-locked by merge-openlineage-run.cypher earlier in the same
// transaction): state and endedAt when the event's state rank is higher (a terminal state outranks
// any other, then the later event), startedAt the earliest eventTime, the parent of the latest event
// that names one (replacing the PART_OF edge), and the event linked into the run's log with the
// run's event count and producers kept up to date (each event is applied once, by its digest), so
// reading a run never walks its whole log.
MATCH (e:OpenLineageEvent {eventDigest: $eventDigest})
MATCH (r:OpenLineageRun {id: $id})
OPTIONAL MATCH (p:OpenLineageRun {id: $parentId})
WITH
  e,
  r,
  p,
  r.stateRank IS NULL OR $stateRank > r.stateRank AS stateWins,
  p IS NOT NULL AND (r.parentRank IS NULL OR $parentRank > r.parentRank) AS parentWins
SET
  r.state = CASE WHEN stateWins THEN $state ELSE r.state END,
  r.endedAt = CASE WHEN stateWins THEN datetime($endedAt) ELSE r.endedAt END,
  r.stateRank = CASE WHEN stateWins THEN $stateRank ELSE r.stateRank END,
  r.startedAt = CASE
    WHEN r.startedAt IS NULL OR datetime($eventTime) < r.startedAt THEN datetime($eventTime)
    ELSE r.startedAt
  END,
  r.eventCount = coalesce(r.eventCount, 0) + 1,
  r.producers = CASE
    WHEN $producer IN coalesce(r.producers, []) THEN r.producers
    ELSE coalesce(r.producers, []) + $producer
  END
FOREACH (old IN CASE WHEN parentWins THEN [(r)-[x:PART_OF]->(other:OpenLineageRun) WHERE other.id <> p.id | x] ELSE [] END |
  DELETE old
)
FOREACH (_ IN CASE WHEN parentWins THEN [1] ELSE [] END |
  SET
    r.parentRunId = $parentRunId,
    r.parentRank = $parentRank
  MERGE (r)-[:PART_OF]->(p)
)
MERGE (r)-[:HAS_EVENT]->(e)
RETURN r.id AS id
