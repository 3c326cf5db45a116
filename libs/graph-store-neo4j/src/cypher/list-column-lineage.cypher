// Field-level edges into the dataset ($upstream) and out of it ($downstream), optionally only
// those touching $field on the dataset's side. UNION drops the duplicate of an edge from a dataset
// to itself; the adapter sorts by (from, to).
MATCH (s:DatasetField)-[c:COLUMN_LINEAGE]->(t:DatasetField {datasetUri: $uri})
WHERE $upstream AND ($field IS NULL OR t.field = $field)
RETURN s {.namespace, .name, .field} AS from, t {.namespace, .name, .field} AS to, c.transformations AS transformations
UNION
MATCH (s:DatasetField {datasetUri: $uri})-[c:COLUMN_LINEAGE]->(t:DatasetField)
WHERE $downstream AND ($field IS NULL OR s.field = $field)
RETURN s {.namespace, .name, .field} AS from, t {.namespace, .name, .field} AS to, c.transformations AS transformations
