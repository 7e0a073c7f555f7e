-- Enrichment rows never outlive their article.
SELECT 'entities' AS table_name, article_id FROM entities
WHERE article_id NOT IN (SELECT article_id FROM articles)
UNION ALL
SELECT 'sentences', article_id FROM sentences
WHERE article_id NOT IN (SELECT article_id FROM articles)
UNION ALL
SELECT 'quotes', article_id FROM quotes
WHERE article_id NOT IN (SELECT article_id FROM articles)
UNION ALL
SELECT 'keywords', article_id FROM keywords
WHERE article_id NOT IN (SELECT article_id FROM articles);
