// Several at once, in the order asked; artifact is null where absent.
UNWIND $ids AS id
OPTIONAL MATCH (a:Artifact {id: id})
RETURN id, a {.*} AS artifact
