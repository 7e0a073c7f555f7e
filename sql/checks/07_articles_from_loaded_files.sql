-- Every article comes from a file the manifest records as loaded (lineage is complete).
SELECT
    a.article_id,
    a.source_file
FROM articles AS a
WHERE NOT EXISTS (
    SELECT 1 FROM ingest_files AS f
    WHERE f.path = a.source_file AND f.sha256 = a.source_sha256 AND f.status = 'loaded'
);
