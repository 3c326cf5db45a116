// Newest first by (startedAt, id); ($afterStartedAt, $afterId) is the cursor of the previous page.
MATCH (e:PipelineExecution)
WHERE ($pipelineName IS NULL OR e.pipelineName = $pipelineName)
  AND ($pipelineVersionId IS NULL OR e.pipelineVersionId = $pipelineVersionId)
  AND ($statuses IS NULL OR e.status IN $statuses)
  AND ($startedAfter IS NULL OR e.startedAt >= datetime($startedAfter))
  AND ($startedBefore IS NULL OR e.startedAt < datetime($startedBefore))
  AND ($createdBy IS NULL OR e.createdBy = $createdBy)
  AND ($scheduleId IS NULL OR e.scheduleId = $scheduleId)
  AND (
    $afterStartedAt IS NULL
    OR e.startedAt < datetime($afterStartedAt)
    OR (e.startedAt = datetime($afterStartedAt) AND e.id < $afterId)
  )
RETURN e {.*} AS execution
ORDER BY e.startedAt DESC, e.id DESC
LIMIT $limit
