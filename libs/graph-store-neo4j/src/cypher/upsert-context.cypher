// id = contextIdFor(type, name). Properties given again replace the stored ones.
MERGE (c:LineageNode {id: $id})
  ON CREATE SET
    c:Context,
    c.nodeType = 'Context',
    c.type = $type,
    c.name = $name,
    c.properties = $properties,
    c.createdAt = datetime($at)
  ON MATCH SET
    c.properties = coalesce($replaceProperties, c.properties)
RETURN c {.*} AS context
