-- Every resolved place with how often and in how many stories it is mentioned, and when
-- first and last (story time as in stories_by_country_day). Current story versions only.
-- Grain: one row per place: a GeoNames id, else a region (ISO 3166-2), else a country.
CREATE OR REPLACE VIEW place_mentions AS
WITH mentions AS (
    SELECT
        a.story_id,
        p.name,
        p.feature,
        p.country_code,
        a.story_date AS story_time,
        coalesce(cast(p.geonameid AS VARCHAR), p.admin1, p.country_code) AS place
    FROM places AS p
    INNER JOIN articles_current AS a ON p.article_id = a.article_id
    WHERE p.country_code IS NOT NULL
)

SELECT
    place,
    any_value(name) AS name,
    any_value(feature) AS feature,
    any_value(country_code) AS country,
    count(*) AS mentions,
    count(DISTINCT story_id) AS stories,
    min(story_time) AS first_seen,
    max(story_time) AS last_seen
FROM mentions
GROUP BY place;
