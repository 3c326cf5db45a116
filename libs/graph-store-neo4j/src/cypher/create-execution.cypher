// Same id again returns the existing execution unchanged (created = false); no row when the
// pipeline version does not exist.
MATCH (v:PipelineVersion {id: $pipelineVersionId})
MERGE (e:LineageNode {id: $id})
  ON CREATE SET
    e:PipelineExecution,
    e.nodeType = 'PipelineExecution',
    e.pipelineName = v.pipelineName,
    e.pipelineVersionId = v.id,
    e.status = 'Executing',
    e.parameters = $parameters,
    e.startedAt = datetime($at),
    e.createdBy = $createdBy,
    e.scheduleId = $scheduleId,
    e.revision = 1,
    e._created = true
WITH v, e, coalesce(e._created, false) AS created
REMOVE e._created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (e)-[:RUN_OF]->(v))
RETURN e {.*} AS execution, created
