-- Which of these run ids are recorded runs that have ended (their staging may go).
SELECT run_id
FROM ingest_runs
WHERE list_contains($run_ids, run_id) AND status <> 'running';
