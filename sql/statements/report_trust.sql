-- What the night's stories could not tell for themselves (wirehouse.model.Article.to_row):
-- dated by their ingest time, without an agency, killed or withdrawn, without body text.
SELECT
    count(*) FILTER (WHERE story_date_source = 'ingested') AS dated_by_ingest,
    count(*) FILTER (WHERE agency IS NULL) AS without_agency,
    count(*) FILTER (WHERE pubstatus IN ('canceled', 'withdrawn')) AS killed,
    count(*) FILTER (WHERE is_empty) AS empty
FROM articles
WHERE run_id = $run_id;
