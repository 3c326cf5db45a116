// The raw event, stored once per eventDigest (unique constraint, so two writers of the same event
// serialize on it). created = false: this exact event was applied before and nothing else changes.
MERGE (e:OpenLineageEvent {eventDigest: $eventDigest})
  ON CREATE SET
    e.kind = $kind,
    e.eventType = $eventType,
    e.eventTime = datetime($eventTime),
    e.producer = $producer,
    e.runId = $runId,
    e.receivedAt = datetime($receivedAt),
    e.event = $event,
    e._created = true
WITH e, coalesce(e._created, false) AS created
REMOVE e._created
RETURN created
