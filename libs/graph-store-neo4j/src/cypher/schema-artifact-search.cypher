CREATE FULLTEXT INDEX artifact_search IF NOT EXISTS FOR (a:Artifact) ON EACH [a.name, a.uri, a.searchText]
