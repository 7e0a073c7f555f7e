-- The benchmark: per language, the pipeline used, stories and words; most stories first.
SELECT
    lang,
    any_value(nlp_pipeline) || ' ' || any_value(nlp_pipeline_version) AS pipeline,
    count(*) AS stories,
    coalesce(sum(word_count), 0) AS words
FROM articles
GROUP BY lang
ORDER BY stories DESC, lang ASC;
