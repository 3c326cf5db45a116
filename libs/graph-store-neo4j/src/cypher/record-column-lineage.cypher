// Field-level lineage: (input field)-[:COLUMN_LINEAGE]->(output field), one relationship per pair;
// its transformations come from the latest event by (eventTime, eventDigest) that reported the
// pair, compared after the relationship's write lock.
UNWIND $edges AS edge
MERGE (s:DatasetField {datasetUri: edge.fromUri, field: edge.fromField})
  ON CREATE SET
    s.namespace = edge.fromNamespace,
    s.name = edge.fromName
MERGE (t:DatasetField {datasetUri: edge.toUri, field: edge.toField})
  ON CREATE SET
    t.namespace = edge.toNamespace,
    t.name = edge.toName
MERGE (s)-[c:COLUMN_LINEAGE]->(t)
SET c._lock = true
REMOVE c._lock
WITH
  c,
  edge,
  c.eventTime IS NULL
  OR c.eventTime < datetime($eventTime)
  OR (c.eventTime = datetime($eventTime) AND c.eventDigest < $eventDigest) AS later
SET
  c.transformations = CASE WHEN later THEN edge.transformations ELSE c.transformations END,
  c.eventTime = CASE WHEN later THEN datetime($eventTime) ELSE c.eventTime END,
  c.eventDigest = CASE WHEN later THEN $eventDigest ELSE c.eventDigest END
RETURN count(c) AS recorded
