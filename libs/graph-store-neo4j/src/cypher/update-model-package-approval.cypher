// Appends to the approval history under the package's write lock; $expectedStatus (optional) is
// checked after the lock is taken. No row: unknown package. applied = false: the status differed.
MATCH (mp:ModelPackage {id: $id})
SET mp._lock = true
REMOVE mp._lock
WITH mp, ($expectedStatus IS NULL OR mp.approvalStatus = $expectedStatus) AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET
    mp.approvalStatus = $status,
    mp.approvals = mp.approvals + [$approval]
)
RETURN mp {.*} AS modelPackage, applied
