// listColumnLineage without a field looks fields up by dataset alone.
CREATE INDEX dataset_field_dataset IF NOT EXISTS FOR (f:DatasetField) ON (f.datasetUri)
