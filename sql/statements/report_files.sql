SELECT
    path,
    status,
    format,
    articles,
    reason
FROM ingest_files
WHERE run_id = $run_id AND status <> 'loaded'
ORDER BY status, path;
