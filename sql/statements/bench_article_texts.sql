-- The benchmark: each story's headline and body, for its signature (bench.derived).
SELECT
    article_id,
    headline,
    body
FROM articles;
