CREATE CONSTRAINT step_execution_step IF NOT EXISTS FOR (s:StepExecution) REQUIRE (s.executionId, s.stepName) IS UNIQUE
