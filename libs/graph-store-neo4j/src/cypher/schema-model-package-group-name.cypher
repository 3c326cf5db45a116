CREATE CONSTRAINT model_package_group_name IF NOT EXISTS FOR (g:ModelPackageGroup) REQUIRE g.name IS UNIQUE
