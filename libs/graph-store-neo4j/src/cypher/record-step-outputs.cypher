// PRODUCED edges, one per (step, artifact, channel name); MERGE makes a repeat a no-op.
MATCH (s:StepExecution {id: $stepExecutionId})
UNWIND $outputs AS output
MATCH (a:Artifact {id: output.artifactId})
MERGE (s)-[r:PRODUCED {name: output.name}]->(a)
RETURN count(r) AS recorded
