-- The benchmark: the files the night loaded.
SELECT count(*) AS files
FROM ingest_files
WHERE status = 'loaded';
