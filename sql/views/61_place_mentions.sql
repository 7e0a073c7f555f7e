-- Every resolved place with how often and in how many stories it is mentioned, and when
-- first and last (story time as in stories_by_country_day). Current story versions only.
-- Grain: one row per place: a GeoNames id, else a region (ISO 3166-2), else a country.
CREATE OR REPLACE VIEW place_mentions AS
SELECT
    coalesce(cast(p.geonameid AS VARCHAR), p.admin1, p.country_code) AS place,
    any_value(p.name) AS name,
    any_value(p.feature) AS feature,
    any_value(p.country_code) AS country,
    count(*) AS mentions,
    count(DISTINCT a.story_id) AS stories,
    min(coalesce(a.first_created, a.version_created, a.ingested_at)) AS first_seen,
    max(coalesce(a.first_created, a.version_created, a.ingested_at)) AS last_seen
FROM places AS p
INNER JOIN articles_current AS a ON p.article_id = a.article_id
WHERE p.country_code IS NOT NULL
GROUP BY coalesce(cast(p.geonameid AS VARCHAR), p.admin1, p.country_code);
