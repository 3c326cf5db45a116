// Runs by node id with their run facets (event count and producers are kept on the node); no row
// for an unknown id.
UNWIND $ids AS id
MATCH (r:OpenLineageRun {id: id})
OPTIONAL MATCH (f:OpenLineageFacet {ownerId: r.id})
RETURN r {.*} AS run, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
