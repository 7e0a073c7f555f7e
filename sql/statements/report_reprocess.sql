-- What a reprocess run changed: stories per old → new pipeline version.
WITH this_run AS (
    SELECT
        article_id,
        nlp_pipeline,
        nlp_pipeline_version,
        enriched_at
    FROM enrichment_runs
    WHERE run_id = $run_id
),

earlier AS (
    SELECT
        e.article_id,
        e.nlp_pipeline,
        e.nlp_pipeline_version,
        row_number() OVER (PARTITION BY e.article_id ORDER BY e.enriched_at DESC) AS recency
    FROM enrichment_runs AS e
    INNER JOIN this_run AS t
        ON e.article_id = t.article_id AND e.enriched_at < t.enriched_at
)

SELECT
    p.nlp_pipeline AS old_pipeline,
    p.nlp_pipeline_version AS old_version,
    t.nlp_pipeline AS new_pipeline,
    t.nlp_pipeline_version AS new_version,
    count(*) AS articles
FROM this_run AS t
LEFT JOIN earlier AS p ON t.article_id = p.article_id AND p.recency = 1
GROUP BY ALL
ORDER BY articles DESC, new_pipeline ASC;
