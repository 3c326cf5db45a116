// Runs by node id with their run facets, the facets of their job (the Context the run is
// ASSOCIATED_WITH) and their input/output facets (owners `<run node id>|<direction>|<artifact id>`);
// event count and producers are kept on the node. No row for an unknown id.
UNWIND $ids AS id
MATCH (r:OpenLineageRun {id: id})
OPTIONAL MATCH (f:OpenLineageFacet {ownerId: r.id})
WITH r, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
OPTIONAL MATCH (r)-[:ASSOCIATED_WITH]->(job:Context {type: 'OpenLineageJob'})
OPTIONAL MATCH (jf:OpenLineageFacet {ownerId: job.id})
WITH r, facets, collect(jf {.name, .value, .eventTime, .eventDigest}) AS jobFacets
OPTIONAL MATCH (io:OpenLineageFacet)
WHERE io.ownerId STARTS WITH r.id + '|'
RETURN r {.*} AS run, facets, jobFacets, collect(io {.ownerId, .name, .value, .eventTime, .eventDigest}) AS datasetFacets
