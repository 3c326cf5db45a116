CREATE CONSTRAINT openlineage_event_digest IF NOT EXISTS FOR (e:OpenLineageEvent) REQUIRE e.eventDigest IS UNIQUE
