-- Enrichment rows never outlive their article.
SELECT
    'entities' AS table_name,
    e.article_id
FROM entities AS e
WHERE
    NOT EXISTS (
        SELECT 1 FROM articles AS a
        WHERE a.article_id = e.article_id
    )
UNION ALL
SELECT
    'sentences' AS table_name,
    s.article_id
FROM sentences AS s
WHERE
    NOT EXISTS (
        SELECT 1 FROM articles AS a
        WHERE a.article_id = s.article_id
    )
UNION ALL
SELECT
    'quotes' AS table_name,
    q.article_id
FROM quotes AS q
WHERE
    NOT EXISTS (
        SELECT 1 FROM articles AS a
        WHERE a.article_id = q.article_id
    )
UNION ALL
SELECT
    'keywords' AS table_name,
    k.article_id
FROM keywords AS k
WHERE NOT EXISTS (
    SELECT 1 FROM articles AS a
    WHERE a.article_id = k.article_id
);
