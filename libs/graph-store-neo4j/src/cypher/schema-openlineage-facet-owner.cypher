// Reading a dataset's facets looks them up by owner (each version artifact) without a name.
CREATE INDEX openlineage_facet_owner IF NOT EXISTS FOR (f:OpenLineageFacet) ON (f.ownerId)
