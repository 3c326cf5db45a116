CREATE CONSTRAINT step_execution_id IF NOT EXISTS FOR (s:StepExecution) REQUIRE s.id IS UNIQUE
