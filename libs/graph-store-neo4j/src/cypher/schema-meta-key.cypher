CREATE CONSTRAINT pedigree_schema_key IF NOT EXISTS FOR (m:PedigreeSchema) REQUIRE m.key IS UNIQUE
