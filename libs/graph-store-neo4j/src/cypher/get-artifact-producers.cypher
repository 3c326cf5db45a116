// The producing step of each artifact, in the order asked. The same bytes produced again (a re-run
// without cache) give one artifact with several producers: the earliest is the producer.
UNWIND $ids AS id
OPTIONAL MATCH (s:StepExecution)-[:PRODUCED]->(:Artifact {id: id})
WITH id, s
ORDER BY s.startedAt, s.id
RETURN id, collect(s {.*})[0] AS step
