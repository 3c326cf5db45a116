// Test-only: empties a dedicated test database (never point NEO4J_URI at data you want to keep).
// The schema-version node stays, so health() keeps reporting the schema created at start.
MATCH (n)
WHERE NOT n:PedigreeSchema
DETACH DELETE n
