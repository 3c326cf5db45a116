// Index creation returns before population ends; a full-text query on a populating index fails, so
// start-up waits until every index is online (immediate on an already initialized database).
CALL db.awaitIndexes($timeoutSeconds)
