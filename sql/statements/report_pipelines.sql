-- Which spaCy pipeline enriched each language tonight, and what it found: a `blank:` pipeline
-- has no entity model (its stories get their dateline places and, outside de/en/fr, the
-- gazetteer's places: wirehouse/nlp/gazetteer_places.py).
WITH found AS (
    SELECT
        e.article_id,
        count(*) AS entities
    FROM entities AS e
    WHERE NOT e.is_dateline
    GROUP BY e.article_id
),

tonight AS (
    SELECT
        a.article_id,
        a.lang,
        coalesce(a.nlp_pipeline, 'none') AS pipeline,
        coalesce(a.nlp_pipeline_version, '') AS pipeline_version
    FROM articles AS a
    WHERE a.run_id = $run_id
)

SELECT
    t.lang,
    t.pipeline,
    t.pipeline_version,
    count(*) AS stories,
    t.pipeline LIKE 'blank:%' OR t.pipeline = 'none' AS no_entity_model,
    coalesce(sum(f.entities), 0) AS entities
FROM tonight AS t
LEFT JOIN found AS f ON t.article_id = f.article_id
GROUP BY t.lang, t.pipeline, t.pipeline_version
ORDER BY stories DESC, t.lang ASC, t.pipeline ASC;
