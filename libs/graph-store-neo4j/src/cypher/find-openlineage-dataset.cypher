// The version artifacts at a dataset's URI, newest first by (createdAt, digest), and the facets of
// every version (the adapter keeps the latest per name). No row when no version exists.
MATCH (a:Artifact {uri: $uri})
WITH a
ORDER BY a.createdAt DESC, a.digest DESC
WITH collect(a.id) AS versionIds
WHERE size(versionIds) > 0
OPTIONAL MATCH (f:OpenLineageFacet)
WHERE f.ownerId IN versionIds
RETURN versionIds, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
