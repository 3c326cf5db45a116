// Batched upsert by id (= artifactIdFor(uri, digest)): the same content at the same URI is one node
// and an existing node is returned unchanged. previousVersionId is computed by the adapter.
UNWIND $artifacts AS row
MERGE (a:LineageNode {id: row.id})
  ON CREATE SET
    a:Artifact,
    a.nodeType = 'Artifact',
    a.uri = row.uri,
    a.digest = row.digest,
    a.type = row.type,
    a.name = row.name,
    a.size = row.size,
    a.properties = row.properties,
    a.searchText = row.searchText,
    a.createdAt = datetime(row.createdAt),
    a.previousVersionId = row.previousVersionId
RETURN a {.*} AS artifact
