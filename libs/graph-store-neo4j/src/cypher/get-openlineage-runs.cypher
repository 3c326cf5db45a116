// Runs by node id with their event count, producers and run facets; no row for an unknown id.
UNWIND $ids AS id
MATCH (r:OpenLineageRun {id: id})
OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:OpenLineageEvent)
WITH r, count(e) AS eventCount, collect(DISTINCT e.producer) AS producers
OPTIONAL MATCH (f:OpenLineageFacet {ownerId: r.id})
RETURN r {.*} AS run, eventCount, producers, collect(f {.name, .value, .eventTime, .eventDigest}) AS facets
