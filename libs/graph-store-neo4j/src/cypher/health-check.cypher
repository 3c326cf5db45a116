OPTIONAL MATCH (m:PedigreeSchema {key: 'graph'})
RETURN m.version AS version
