-- People most mentioned per day.
-- Grain: one row per day and person (entities.norm of PER mentions).
-- Day: UTC date of the story version's version_created, else its ingest date.
-- Only the current version of a story counts (a corrected re-send is not a
-- second mention).
CREATE OR REPLACE VIEW people_per_day AS
WITH mentions AS (
    SELECT
        a.story_id,
        coalesce(e.norm, e.text) AS person,
        coalesce(
            cast(timezone('UTC', a.version_created) AS DATE), a.ingest_date
        ) AS mention_date
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
