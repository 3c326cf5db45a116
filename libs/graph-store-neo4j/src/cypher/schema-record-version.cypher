// Runs after every constraint and index exists; health() reads it back.
MERGE (m:PedigreeSchema {key: 'graph'})
SET m.version = $version
RETURN m.version AS version
