CREATE CONSTRAINT openlineage_dataset_uri IF NOT EXISTS FOR (d:OpenLineageDataset) REQUIRE d.uri IS UNIQUE
