-- The benchmark: each story's agency (bench.derived).
SELECT
    article_id,
    agency
FROM articles;
