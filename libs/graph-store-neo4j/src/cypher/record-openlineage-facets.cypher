// One node per (owner, facet name) holding the value of the latest event by (eventTime,
// eventDigest): a value is replaced only by a later event, compared after the write lock, so the
// stored value does not depend on arrival order.
UNWIND $facets AS facet
MERGE (f:OpenLineageFacet {ownerId: facet.ownerId, name: facet.name})
SET f._lock = true
REMOVE f._lock
WITH
  f,
  facet,
  f.eventTime IS NULL
  OR f.eventTime < datetime($eventTime)
  OR (f.eventTime = datetime($eventTime) AND f.eventDigest < $eventDigest) AS later
SET
  f.value = CASE WHEN later THEN facet.value ELSE f.value END,
  f.eventTime = CASE WHEN later THEN datetime($eventTime) ELSE f.eventTime END,
  f.eventDigest = CASE WHEN later THEN $eventDigest ELSE f.eventDigest END
RETURN count(f) AS recorded
