CREATE CONSTRAINT pipeline_version_id IF NOT EXISTS FOR (v:PipelineVersion) REQUIRE v.id IS UNIQUE
