-- Each story version is loaded exactly once.
SELECT
    article_id,
    count(*) AS copies
FROM articles
GROUP BY article_id
HAVING count(*) > 1;
