UNWIND $ids AS id
OPTIONAL MATCH (mp:ModelPackage {id: id})
RETURN id, mp {.*} AS modelPackage
