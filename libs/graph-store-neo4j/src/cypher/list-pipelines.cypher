// Ordered by name; $afterName is the cursor (the last name of the previous page).
MATCH (p:Pipeline)
WHERE ($search IS NULL OR toLower(p.name) CONTAINS toLower($search))
  AND ($afterName IS NULL OR p.name > $afterName)
RETURN p {.*} AS pipeline
ORDER BY p.name
LIMIT $limit
