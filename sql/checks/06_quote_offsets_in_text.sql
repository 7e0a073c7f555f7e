-- Quote offsets select exactly the quoted text.
SELECT
    q.article_id,
    q.quote_index,
    q.quote
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id
WHERE substring(
    CASE q.part WHEN 'body' THEN a.body WHEN 'headline' THEN a.headline END,
    q.start_char + 1,
    q.end_char - q.start_char
) IS DISTINCT FROM q.quote;
