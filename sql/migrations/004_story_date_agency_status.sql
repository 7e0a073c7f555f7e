-- What an analyst relies on: one story date, one spelling per agency, one publication
-- status, empty items flagged. Mirrors TRUST_FIELDS in wirehouse/schema.py; the values are
-- derived by wirehouse.model.Article.to_row, so `agency` and `pubstatus` hold the normalised
-- values and the columns below keep what the file said.
ALTER TABLE articles ADD COLUMN sent TIMESTAMPTZ;
ALTER TABLE articles ADD COLUMN agency_raw VARCHAR;
ALTER TABLE articles ADD COLUMN pubstatus_raw VARCHAR;
ALTER TABLE articles ADD COLUMN story_date TIMESTAMPTZ;
ALTER TABLE articles ADD COLUMN story_date_source VARCHAR;
ALTER TABLE articles ADD COLUMN is_empty BOOLEAN;

-- Rows loaded before this migration get what SQL can tell from their own columns (the agency
-- spelling table lives in Python: those rows keep their agency as sent until re-ingested).
UPDATE articles
SET
    agency_raw = agency,
    pubstatus_raw = pubstatus,
    story_date = coalesce(first_created, version_created, ingested_at),
    story_date_source = CASE
        WHEN first_created IS NOT NULL THEN 'first_created'
        WHEN version_created IS NOT NULL THEN 'version_created'
        ELSE 'ingested'
    END,
    is_empty = length(trim(body)) = 0;
