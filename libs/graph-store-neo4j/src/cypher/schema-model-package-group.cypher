CREATE INDEX model_package_group IF NOT EXISTS FOR (mp:ModelPackage) ON (mp.group)
