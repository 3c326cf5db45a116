CREATE CONSTRAINT dataset_field IF NOT EXISTS FOR (f:DatasetField) REQUIRE (f.datasetUri, f.field) IS UNIQUE
