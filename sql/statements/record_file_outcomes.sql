INSERT OR REPLACE INTO ingest_files
(path, sha256, size_bytes, format, status, reason, articles, run_id, processed_at)
SELECT
    path,
    sha256,
    size_bytes,
    format,
    status,
    reason,
    articles,
    run_id,
    $processed_at
FROM read_parquet($path);
