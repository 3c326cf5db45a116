// One breadth-first hop against the arrows; see traverse-hop-downstream.cypher for the bounds.
UNWIND $frontier AS frontierId
MATCH (n:LineageNode {id: frontierId})<-[r]-(m:LineageNode)
WHERE type(r) IN $edgeTypes AND NOT m.id IN $visited
WITH DISTINCT m
ORDER BY m.id
LIMIT $remaining + 1
RETURN m {.*} AS node
