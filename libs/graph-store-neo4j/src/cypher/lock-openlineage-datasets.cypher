// Records that an event named each dataset and takes its write lock (held until commit) before any
// of its versions is written: version createdAt and previousVersionId are computed over all of the
// dataset's versions, which concurrent events must not do from two different snapshots. $datasets
// is sorted by uri so writers lock in one order.
UNWIND $datasets AS dataset
MERGE (d:OpenLineageDataset {uri: dataset.uri})
  ON CREATE SET
    d.namespace = dataset.namespace,
    d.name = dataset.name
SET d._lock = true
REMOVE d._lock
RETURN count(d) AS locked
