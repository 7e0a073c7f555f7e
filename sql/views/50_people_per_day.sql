-- People most mentioned per day.
-- Grain: one row per day and person (entities.norm of PER mentions).
-- Day: UTC date of the story's story_date (its best evidence of when it
-- happened; story_date_source says which, `ingested` when the file named none).
-- Only the current version of a story counts (a corrected re-send is not a
-- second mention).
CREATE OR REPLACE VIEW people_per_day AS
WITH mentions AS (
    SELECT
        a.story_id,
        cast(timezone('UTC', a.story_date) AS DATE) AS mention_date,
        coalesce(e.norm, e.text) AS person
    FROM entities AS e
    INNER JOIN articles_current AS a ON e.article_id = a.article_id
    WHERE e.label = 'PER' AND NOT e.is_dateline
)

SELECT
    mention_date,
    person,
    count(*) AS mentions,
    count(DISTINCT story_id) AS stories,
    rank() OVER (
        PARTITION BY mention_date ORDER BY count(*) DESC
    ) AS rank_in_day
FROM mentions
GROUP BY mention_date, person;
