// The newest artifact at each URI, so new bytes at a known URI can link previousVersionId to it.
UNWIND $uris AS uri
MATCH (a:Artifact {uri: uri})
WITH uri, a
ORDER BY a.createdAt DESC, a.id DESC
RETURN uri, collect(a.id)[0] AS latestId
