-- Lineage of the NLP enrichment: which pipeline (and version) enriched which article in
-- which run. The nightly load and `wirehouse reprocess` both add rows; nothing deletes them,
-- so an article re-enriched with a newer model still shows the versions it had before.

-- Grain: one row per article per (re)enrichment run.
CREATE TABLE enrichment_runs (
    article_id VARCHAR NOT NULL,
    nlp_pipeline VARCHAR,
    nlp_pipeline_version VARCHAR,
    run_id VARCHAR NOT NULL,
    enriched_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, run_id)
);

-- Warehouses loaded before this table existed: their current enrichment is the first entry.
INSERT INTO enrichment_runs (article_id, nlp_pipeline, nlp_pipeline_version, run_id, enriched_at)
SELECT
    article_id,
    nlp_pipeline,
    nlp_pipeline_version,
    run_id,
    ingested_at
FROM articles;
