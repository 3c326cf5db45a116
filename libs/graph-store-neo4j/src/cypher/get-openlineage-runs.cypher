// Runs by node id with their run facets and the facets of their job (the Context the run is
// ASSOCIATED_WITH; event count and producers are kept on the node); no row for an unknown id.
UNWIND $ids AS id
MATCH (r:OpenLineageRun {id: id})
OPTIONAL MATCH (f:OpenLineageFacet {ownerId: r.id})
WITH r, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
OPTIONAL MATCH (r)-[:ASSOCIATED_WITH]->(job:Context {type: 'OpenLineageJob'})
OPTIONAL MATCH (jf:OpenLineageFacet {ownerId: job.id})
RETURN r {.*} AS run, facets, collect(jf {.name, .value, .eventTime, .eventDigest}) AS jobFacets
