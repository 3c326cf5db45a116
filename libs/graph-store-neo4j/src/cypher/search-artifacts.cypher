// Full-text search over name, uri and searchText; best matches first. $query is a Lucene query the
// adapter builds from the user's words with every special character escaped.
CALL db.index.fulltext.queryNodes('artifact_search', $query) YIELD node, score
WHERE $types IS NULL OR node.type IN $types
RETURN node {.*} AS artifact, score
ORDER BY score DESC, node.id
SKIP $skip
LIMIT $limit
