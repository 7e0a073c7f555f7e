UPDATE ingest_runs SET
    finished_at = $finished_at,
    status = 'failed',
    failure = $failure
WHERE run_id = $run_id AND status = 'running';
