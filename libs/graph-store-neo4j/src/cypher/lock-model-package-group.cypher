// Takes the group's write lock (held until commit) before reading its version counter, so two
// registrations in one group never get the same version; also finds an existing package of the
// same model in the group (registration is idempotent per (group, model artifact)).
MERGE (g:ModelPackageGroup {name: $group})
  ON CREATE SET g.latestVersion = 0
SET g._lock = true
REMOVE g._lock
WITH g
OPTIONAL MATCH (a:Artifact {id: $modelArtifactId})
OPTIONAL MATCH (a)-[:PACKAGED_AS]->(existing:ModelPackage {group: $group})
RETURN g.latestVersion AS latestVersion, a IS NOT NULL AS artifactExists, existing {.*} AS existing
