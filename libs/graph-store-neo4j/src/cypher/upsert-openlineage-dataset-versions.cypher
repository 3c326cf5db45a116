// One DataSet artifact per dataset version (id = artifactIdFor(uri, digest)); size 0 because
// OpenLineage gives no bytes. createdAt is the earliest eventTime that mentioned the version (the
// dataset lock of lock-openlineage-datasets.cypher is held, so the comparison is race-free).
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
    a.createdAt = datetime($eventTime)
SET a.createdAt = CASE WHEN datetime($eventTime) < a.createdAt THEN datetime($eventTime) ELSE a.createdAt END
RETURN count(a) AS upserted
