MATCH (p:Pipeline {name: $name})
RETURN p {.*} AS pipeline
