// Creates the pipeline on first use and the version when its definition hash is new.
// Hazard: the pipeline node is write-locked (SET/REMOVE _lock) before latestVersion is read, so two
// concurrent upserts of different definitions number their versions n+1 and n+2, never both n+1.
// The version MERGE runs under that lock, so an identical concurrent upsert finds the version.
MERGE (p:LineageNode {id: $pipelineId})
  ON CREATE SET
    p:Pipeline,
    p.nodeType = 'Pipeline',
    p.name = $pipelineName,
    p.description = $description,
    p.createdAt = datetime($at),
    p.latestVersion = 0
SET p._lock = true
REMOVE p._lock
WITH p
MERGE (v:LineageNode {id: $versionId})
  ON CREATE SET
    v:PipelineVersion,
    v.nodeType = 'PipelineVersion',
    v.pipelineName = $pipelineName,
    v.version = p.latestVersion + 1,
    v.definitionHash = $definitionHash,
    v.definition = $definition,
    v.createdAt = datetime($at),
    v._created = true
WITH p, v, coalesce(v._created, false) AS created
REMOVE v._created
MERGE (v)-[:VERSION_OF]->(p)
SET
  p.latestVersion = CASE WHEN created THEN v.version ELSE p.latestVersion END,
  p.description = CASE WHEN created AND $description IS NOT NULL THEN $description ELSE p.description END
RETURN p {.*} AS pipeline, v {.*} AS version, created
