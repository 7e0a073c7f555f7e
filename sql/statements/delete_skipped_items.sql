DELETE FROM skipped_items
WHERE source_sha256 IN (SELECT s.source_sha256 FROM read_parquet($path) AS s);
