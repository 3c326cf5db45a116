CREATE CONSTRAINT openlineage_facet_owner_name IF NOT EXISTS FOR (f:OpenLineageFacet) REQUIRE (f.ownerId, f.name) IS UNIQUE
