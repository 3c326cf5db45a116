// Test-only: empties a dedicated test database (never point NEO4J_URI at data you want to keep).
MATCH (n)
DETACH DELETE n
