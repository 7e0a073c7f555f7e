-- Every run this warehouse knows: nights (recorded before they write anything) and
-- reprocessing runs (recorded with their first committed batch). Orphan clean-up deletes
-- only lake files written by these runs.
SELECT run_id FROM ingest_runs
UNION
SELECT DISTINCT run_id FROM enrichment_runs;
