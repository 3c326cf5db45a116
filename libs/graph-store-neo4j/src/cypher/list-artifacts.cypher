// Newest first by (createdAt, id); ($afterCreatedAt, $afterId) is the cursor of the previous page.
MATCH (a:Artifact)
WHERE ($types IS NULL OR a.type IN $types)
  AND ($name IS NULL OR toLower(a.name) CONTAINS toLower($name))
  AND ($uriPrefix IS NULL OR a.uri STARTS WITH $uriPrefix)
  AND ($createdAfter IS NULL OR a.createdAt >= datetime($createdAfter))
  AND ($createdBefore IS NULL OR a.createdAt < datetime($createdBefore))
  AND (
    $afterCreatedAt IS NULL
    OR a.createdAt < datetime($afterCreatedAt)
    OR (a.createdAt = datetime($afterCreatedAt) AND a.id < $afterId)
  )
RETURN a {.*} AS artifact
ORDER BY a.createdAt DESC, a.id DESC
LIMIT $limit
