-- Files that could not be read, newest first, with the reason a person can act on.
CREATE OR REPLACE VIEW quarantine AS
SELECT
    path,
    reason,
    size_bytes,
    run_id,
    processed_at
FROM ingest_files
WHERE status = 'quarantined'
ORDER BY processed_at DESC, path ASC;
