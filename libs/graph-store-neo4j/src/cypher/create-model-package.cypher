// Runs after lock-model-package-group in the same transaction, with $version = latestVersion + 1.
MATCH (g:ModelPackageGroup {name: $group})
MATCH (a:Artifact {id: $modelArtifactId})
SET g.latestVersion = $version
CREATE (mp:LineageNode:ModelPackage {
  id: $id,
  nodeType: 'ModelPackage',
  group: $group,
  version: $version,
  approvalStatus: $approvalStatus,
  modelArtifactId: $modelArtifactId,
  stepExecutionId: $stepExecutionId,
  description: $description,
  metrics: $metrics,
  createdAt: datetime($at),
  approvals: [$approval]
})
CREATE (a)-[:PACKAGED_AS]->(mp)
RETURN mp {.*} AS modelPackage
