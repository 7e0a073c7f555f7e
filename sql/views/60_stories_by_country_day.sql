-- Stories per country and day: a story counts once for each country a place in it is in.
-- Grain: one row per story day and country (ISO 3166-1 alpha-2 of the resolved places).
-- Day: the UTC date of the story's story_date (its best date evidence, else its ingest time).
-- Only the current version of a story counts.
CREATE OR REPLACE VIEW stories_by_country_day AS
WITH story_countries AS (
    SELECT DISTINCT
        a.story_id,
        a.agency,
        p.country_code,
        cast(timezone('UTC', a.story_date) AS DATE) AS story_date
    FROM places AS p
    INNER JOIN articles_current AS a ON p.article_id = a.article_id
    WHERE p.country_code IS NOT NULL
)

SELECT
    story_date,
    country_code AS country,
    count(DISTINCT story_id) AS stories,
    list(DISTINCT agency ORDER BY agency) FILTER (WHERE agency IS NOT NULL) AS agencies
FROM story_countries
GROUP BY story_date, country_code;
