// One DataSet artifact per dataset version (id = artifactIdFor(uri, digest)); size 0 because
// OpenLineage gives no bytes. createdAt is the earliest eventTime that mentioned the version (the
// dataset lock of lock-openlineage-datasets.cypher is held, so the comparison is race-free).
// changed: the version is new or moved earlier, so its dataset's previousVersionId chain needs
// relinking (a version named again at a later time, the common case, changes nothing).
UNWIND $versions AS version
MERGE (a:LineageNode {id: version.id})
  ON CREATE SET
    a:Artifact,
    a.nodeType = 'Artifact',
    a.uri = version.uri,
    a.digest = version.digest,
    a.type = 'DataSet',
    a.name = version.name,
    a.size = 0,
    a.properties = version.properties,
    a.searchText = version.searchText,
    a.createdAt = datetime($eventTime),
    a._created = true
WITH a, coalesce(a._created, false) AS created, datetime($eventTime) < a.createdAt AS earlier
REMOVE a._created
SET a.createdAt = CASE WHEN earlier THEN datetime($eventTime) ELSE a.createdAt END
RETURN a.uri AS uri, created OR earlier AS changed
