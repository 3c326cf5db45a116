// The producing step of each artifact. The same bytes can have several PRODUCED edges: a cache hit
// re-declares the outputs it reused, and a re-run without cache may produce identical bytes. The
// producer is the first that was not a cache hit, else the earliest.
UNWIND $ids AS id
OPTIONAL MATCH (s:StepExecution)-[:PRODUCED]->(:Artifact {id: id})
WITH id, s
ORDER BY coalesce(s.cacheHit, false), s.startedAt, s.id
RETURN id, collect(s {.*})[0] AS step
