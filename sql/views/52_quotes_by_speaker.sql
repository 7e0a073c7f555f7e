-- Who is quoted, and how often.
-- Grain: one row per speaker (quotes.speaker_norm); quotes without an
-- identified speaker are left out. Only the current version of a story counts;
-- when a quote was made is its story's story_date.
CREATE OR REPLACE VIEW quotes_by_speaker AS
SELECT
    q.speaker_norm AS speaker,
    count(*) AS quotes,
    count(DISTINCT a.story_id) AS stories,
    min(a.story_date) AS first_quoted_at,
    max(a.story_date) AS last_quoted_at,
    arg_max(q.quote, a.story_date) AS latest_quote
FROM quotes AS q
INNER JOIN articles_current AS a ON q.article_id = a.article_id
WHERE q.speaker_norm IS NOT NULL
GROUP BY q.speaker_norm;
