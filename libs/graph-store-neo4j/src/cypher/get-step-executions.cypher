// Several at once, in the order asked; step is null where absent.
UNWIND $ids AS id
OPTIONAL MATCH (s:StepExecution {id: id})
RETURN id, s {.*} AS step
