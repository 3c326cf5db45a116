MATCH (a:Artifact {uri: $uri})
RETURN a {.*} AS artifact
ORDER BY a.createdAt DESC, a.id DESC
LIMIT 1
