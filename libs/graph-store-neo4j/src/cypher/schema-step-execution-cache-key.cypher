CREATE INDEX step_execution_cache_key IF NOT EXISTS FOR (s:StepExecution) ON (s.cacheKey)
