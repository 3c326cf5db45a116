// (run)-[:PRODUCED]->(dataset version): one edge per pair (no channel name); a repeat is a no-op.
MATCH (r:OpenLineageRun {id: $runNodeId})
UNWIND $artifactIds AS artifactId
MATCH (a:Artifact {id: artifactId})
MERGE (r)-[p:PRODUCED]->(a)
RETURN count(p) AS recorded
