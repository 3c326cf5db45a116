// Newest version first; $afterVersion is the cursor (the last version number of the previous page).
MATCH (v:PipelineVersion {pipelineName: $pipelineName})
WHERE $afterVersion IS NULL OR v.version < $afterVersion
RETURN v {.*} AS version
ORDER BY v.version DESC
LIMIT $limit
