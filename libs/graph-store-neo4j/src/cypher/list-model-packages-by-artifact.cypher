UNWIND $artifactIds AS artifactId
MATCH (:Artifact {id: artifactId})-[:PACKAGED_AS]->(mp:ModelPackage)
RETURN artifactId, mp {.*} AS modelPackage
ORDER BY artifactId, mp.group, mp.version
