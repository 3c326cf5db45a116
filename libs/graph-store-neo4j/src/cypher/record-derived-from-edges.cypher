// One DERIVED_FROM edge per (source, derived) pair; the name is kept from the first recording.
UNWIND $edges AS edge
MATCH (source:Artifact {id: edge.from})
MATCH (derived:Artifact {id: edge.to})
MERGE (source)-[r:DERIVED_FROM]->(derived)
  ON CREATE SET r.name = edge.name
RETURN count(r) AS recorded
