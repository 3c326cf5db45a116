CREATE CONSTRAINT model_package_id IF NOT EXISTS FOR (mp:ModelPackage) REQUIRE mp.id IS UNIQUE
