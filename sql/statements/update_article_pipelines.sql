-- After a reprocess, each article names the pipeline that produced its current enrichment.
UPDATE articles
SET
    nlp_pipeline = p.nlp_pipeline,
    nlp_pipeline_version = p.nlp_pipeline_version
FROM read_parquet($path) AS p
WHERE articles.article_id = p.article_id;
