-- Every article has text: a body or, for a headline-only flash, a headline.
SELECT
    article_id,
    source_file
FROM articles
WHERE length(trim(body)) = 0 AND length(trim(coalesce(headline, ''))) = 0;
