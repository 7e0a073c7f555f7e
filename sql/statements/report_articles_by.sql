SELECT
    lang,
    format,
    count(*) AS articles,
    sum(word_count) AS words
FROM articles
WHERE run_id = $run_id
GROUP BY lang, format
ORDER BY articles DESC, lang ASC, format ASC;
