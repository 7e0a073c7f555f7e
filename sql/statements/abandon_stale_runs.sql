-- Called by a run holding the warehouse's run lock: any other run still `running` is dead.
UPDATE ingest_runs SET
    status = 'abandoned',
    abandoned_at = $now,
    failure = 'its process ended without finishing (killed or crashed); found by run '
    || $run_id
WHERE status = 'running' AND run_id <> $run_id
RETURNING run_id;
