// previousVersionId of every artifact at each URI, recomputed in (createdAt, digest) order: an
// event may report an older version after a newer one, so appending to the chain would depend on
// arrival order. Runs under the dataset locks of lock-openlineage-datasets.cypher; writes only the
// links that change.
UNWIND $uris AS uri
MATCH (a:Artifact {uri: uri})
WITH uri, a
ORDER BY a.createdAt, a.digest
WITH uri, collect(a) AS versions
UNWIND range(0, size(versions) - 1) AS i
WITH versions[i] AS a, CASE WHEN i = 0 THEN null ELSE versions[i - 1].id END AS previousId
WHERE coalesce(a.previousVersionId, '') <> coalesce(previousId, '')
SET a.previousVersionId = previousId
RETURN count(a) AS relinked
