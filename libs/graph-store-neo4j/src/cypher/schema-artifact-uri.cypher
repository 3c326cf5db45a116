CREATE INDEX artifact_uri IF NOT EXISTS FOR (a:Artifact) ON (a.uri)
