// Newest first by (startedAt, runId); runs never started (only known as a parent) come last.
// ($afterStartedAt, $afterRunId) is the cursor of the previous page ($afterStartedAt null: the
// previous page ended among the never-started runs).
MATCH (r:OpenLineageRun)
WHERE ($jobNamespace IS NULL OR r.jobNamespace = $jobNamespace)
  AND ($jobName IS NULL OR r.jobName = $jobName)
  AND ($parentRunId IS NULL OR r.parentRunId = $parentRunId)
  AND (
    $afterRunId IS NULL
    OR (
      $afterStartedAt IS NOT NULL
      AND (
        r.startedAt IS NULL
        OR r.startedAt < datetime($afterStartedAt)
        OR (r.startedAt = datetime($afterStartedAt) AND r.runId < $afterRunId)
      )
    )
    OR ($afterStartedAt IS NULL AND r.startedAt IS NULL AND r.runId < $afterRunId)
  )
WITH r
ORDER BY r.startedAt IS NULL, r.startedAt DESC, r.runId DESC
LIMIT $limit
OPTIONAL MATCH (f:OpenLineageFacet {ownerId: r.id})
WITH r, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
OPTIONAL MATCH (r)-[:ASSOCIATED_WITH]->(job:Context {type: 'OpenLineageJob'})
OPTIONAL MATCH (jf:OpenLineageFacet {ownerId: job.id})
WITH r, facets, collect(jf {.name, .value, .eventTime, .eventDigest}) AS jobFacets
OPTIONAL MATCH (io:OpenLineageFacet)
WHERE io.ownerId STARTS WITH r.id + '|'
WITH r, facets, jobFacets, collect(io {.ownerId, .name, .value, .eventTime, .eventDigest}) AS datasetFacets
RETURN r {.*} AS run, facets, jobFacets, datasetFacets
ORDER BY r.startedAt IS NULL, r.startedAt DESC, r.runId DESC
