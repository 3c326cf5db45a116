CREATE CONSTRAINT openlineage_run_id IF NOT EXISTS FOR (r:OpenLineageRun) REQUIRE r.id IS UNIQUE
