UNWIND $edges AS edge
MATCH (n:LineageNode {id: edge.from})
MATCH (c:Context {id: edge.to})
MERGE (n)-[r:ASSOCIATED_WITH]->(c)
RETURN count(r) AS recorded
