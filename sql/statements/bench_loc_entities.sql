-- The benchmark: every LOC mention of a finished night, in story order (bench.derived).
SELECT
    article_id,
    part,
    start_char,
    text,
    norm,
    is_dateline,
    label
FROM entities
WHERE label = 'LOC'
ORDER BY article_id, part, start_char;
