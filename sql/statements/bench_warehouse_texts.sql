-- The benchmark: the night's texts for bare nlp.pipe, in the order the night read them.
SELECT
    article_id,
    lang,
    headline,
    body,
    coalesce(dateline_places, []) AS dateline_places
FROM articles
ORDER BY source_file, article_id;
