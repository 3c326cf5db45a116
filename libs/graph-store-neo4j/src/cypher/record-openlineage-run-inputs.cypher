// (dataset version)-[:CONSUMED_BY]->(run): one edge per pair (no channel name); a repeat is a no-op.
MATCH (r:OpenLineageRun {id: $runNodeId})
UNWIND $artifactIds AS artifactId
MATCH (a:Artifact {id: artifactId})
MERGE (a)-[c:CONSUMED_BY]->(r)
RETURN count(c) AS recorded
