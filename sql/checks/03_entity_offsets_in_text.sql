-- Entity offsets lie inside the text they point into and select exactly the entity's text.
SELECT
    e.article_id,
    e.part,
    e.entity_index,
    e.text,
    e.start_char,
    e.end_char
FROM entities AS e
INNER JOIN articles AS a ON e.article_id = a.article_id
WHERE
    e.start_char < 0
    OR e.end_char <= e.start_char
    OR substring(
        CASE e.part
            WHEN 'body' THEN a.body
            WHEN 'headline' THEN a.headline
            WHEN 'dateline' THEN array_to_string(a.dateline_places, '/')
        END,
        e.start_char + 1,
        e.end_char - e.start_char
    ) IS DISTINCT FROM e.text;
