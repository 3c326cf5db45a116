CREATE INDEX artifact_created_at IF NOT EXISTS FOR (a:Artifact) ON (a.createdAt)
