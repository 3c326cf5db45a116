// CONSUMED_BY edges, one per (artifact, step, channel name); MERGE makes a repeat a no-op.
MATCH (s:StepExecution {id: $stepExecutionId})
UNWIND $inputs AS input
MATCH (a:Artifact {id: input.artifactId})
MERGE (a)-[r:CONSUMED_BY {name: input.name}]->(s)
RETURN count(r) AS recorded
