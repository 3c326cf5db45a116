// One breadth-first hop along the arrows. Depth is bounded by the adapter running this once per
// hop (depth cannot be a parameter); the node budget is enforced here: at most $remaining + 1 new
// nodes come back (the extra one only tells the adapter that the budget cut the traversal short).
UNWIND $frontier AS frontierId
MATCH (n:LineageNode {id: frontierId})-[r]->(m:LineageNode)
WHERE type(r) IN $edgeTypes AND NOT m.id IN $visited
WITH DISTINCT m
ORDER BY m.id
LIMIT $remaining + 1
RETURN m {.*} AS node
