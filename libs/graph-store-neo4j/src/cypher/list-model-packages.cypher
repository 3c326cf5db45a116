// Newest first by (createdAt, id); ($afterCreatedAt, $afterId) is the cursor of the previous page.
MATCH (mp:ModelPackage)
WHERE ($group IS NULL OR mp.group = $group)
  AND ($approvalStatuses IS NULL OR mp.approvalStatus IN $approvalStatuses)
  AND (
    $afterCreatedAt IS NULL
    OR mp.createdAt < datetime($afterCreatedAt)
    OR (mp.createdAt = datetime($afterCreatedAt) AND mp.id < $afterId)
  )
RETURN mp {.*} AS modelPackage
ORDER BY mp.createdAt DESC, mp.id DESC
LIMIT $limit
