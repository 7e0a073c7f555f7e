SELECT
    run_id,
    flow_run_id,
    inbox,
    started_at,
    finished_at,
    status,
    files_seen,
    files_new,
    files_loaded,
    files_quarantined,
    files_duplicate,
    items_skipped,
    articles_loaded,
    entities_loaded,
    checks_failed
FROM ingest_runs
WHERE run_id = $run_id;
