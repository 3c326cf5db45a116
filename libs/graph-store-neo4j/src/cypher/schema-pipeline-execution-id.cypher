CREATE CONSTRAINT pipeline_execution_id IF NOT EXISTS FOR (e:PipelineExecution) REQUIRE e.id IS UNIQUE
