-- The stories of one ingest date as the warehouse holds them: the text the NLP reads, and
-- the pipeline that enriched them last. Ordered so batches are the same on a retry.
SELECT
    article_id,
    lang,
    headline,
    body,
    dateline_places,
    agency,
    nlp_pipeline,
    nlp_pipeline_version,
    ingest_date
FROM articles
WHERE ingest_date = $ingest_date
ORDER BY article_id;
