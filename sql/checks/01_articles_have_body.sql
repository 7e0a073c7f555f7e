-- Every article has a non-empty body.
SELECT
    article_id,
    source_file
FROM articles
WHERE length(trim(body)) = 0;
