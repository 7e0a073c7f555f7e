INSERT OR REPLACE INTO ingest_runs (run_id, flow_run_id, inbox, started_at, status)
VALUES ($run_id, $flow_run_id, $inbox, $started_at, 'running');
