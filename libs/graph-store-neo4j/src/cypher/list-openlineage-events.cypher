// A run's raw events in (eventTime, eventDigest) order; ($afterEventTime, $afterEventDigest) is the
// cursor of the previous page.
MATCH (r:OpenLineageRun {id: $runNodeId})-[:HAS_EVENT]->(e:OpenLineageEvent)
WHERE $afterEventTime IS NULL
  OR e.eventTime > datetime($afterEventTime)
  OR (e.eventTime = datetime($afterEventTime) AND e.eventDigest > $afterEventDigest)
RETURN e {.*} AS event
ORDER BY e.eventTime, e.eventDigest
LIMIT $limit
