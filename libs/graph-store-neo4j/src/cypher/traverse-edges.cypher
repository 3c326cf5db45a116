// Every edge of the followed types whose two endpoints are both among $ids.
UNWIND $ids AS id
MATCH (a:LineageNode {id: id})-[r]->(b:LineageNode)
WHERE type(r) IN $edgeTypes AND b.id IN $ids
// DISTINCT: an artifact consumed on two channels is two relationships but one lineage edge.
RETURN DISTINCT a.id AS from, type(r) AS type, b.id AS to
ORDER BY from, type, to
