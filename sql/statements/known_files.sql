SELECT
    sha256,
    path,
    status
FROM ingest_files
ORDER BY path, sha256;
