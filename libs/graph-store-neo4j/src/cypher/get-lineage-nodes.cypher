// Any lineage node by id, in the order asked; node is null where absent.
UNWIND $ids AS id
OPTIONAL MATCH (n:LineageNode {id: id})
RETURN id, n {.*} AS node
