-- One lineage row per article of a Parquet file with article_id, nlp_pipeline,
-- nlp_pipeline_version and run_id (an articles lake file, or a reprocess batch's pipelines).
-- Replacing on (article_id, run_id) keeps a retried load from adding a second row.
INSERT OR REPLACE INTO enrichment_runs (
    article_id, nlp_pipeline, nlp_pipeline_version, run_id, enriched_at
)
SELECT
    p.article_id,
    p.nlp_pipeline,
    p.nlp_pipeline_version,
    p.run_id,
    $enriched_at
FROM read_parquet($path) AS p;
