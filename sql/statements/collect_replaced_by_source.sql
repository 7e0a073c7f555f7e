INSERT OR IGNORE INTO batch_replaced
SELECT DISTINCT a.article_id
FROM articles AS a
WHERE a.source_file IN (
    SELECT o.path FROM read_parquet($path) AS o
    WHERE o.status = 'loaded'
);
