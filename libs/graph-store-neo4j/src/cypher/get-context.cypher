MATCH (c:Context {id: $id})
RETURN c {.*} AS context
