UPDATE ingest_runs SET
    finished_at = $finished_at,
    status = $status,
    files_seen = $files_seen,
    files_new = $files_new,
    files_loaded = (
        SELECT count(*) FROM ingest_files
        WHERE run_id = $run_id AND status = 'loaded'
    ),
    files_quarantined = (
        SELECT count(*) FROM ingest_files
        WHERE run_id = $run_id AND status = 'quarantined'
    ),
    files_duplicate = (
        SELECT count(*) FROM ingest_files
        WHERE run_id = $run_id AND status = 'duplicate'
    ),
    items_skipped = (
        SELECT count(*) FROM skipped_items
        WHERE run_id = $run_id
    ),
    articles_loaded = (
        SELECT count(*) FROM articles
        WHERE run_id = $run_id
    ),
    entities_loaded = (
        SELECT count(*) FROM entities
        WHERE run_id = $run_id
    ),
    checks_failed = (
        SELECT count(*) FROM check_results
        WHERE run_id = $run_id AND NOT passed
    )
WHERE run_id = $run_id;
