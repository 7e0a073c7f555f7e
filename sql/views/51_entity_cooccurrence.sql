-- Entity pairs named in the same story.
-- Grain: one row per unordered pair of entities (label + norm; dateline places
-- count as LOC) with the number of stories naming both. Only the current
-- version of a story counts.
CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH named AS (
    SELECT DISTINCT
        a.story_id,
        e.label,
        coalesce(e.norm, e.text) AS entity
    FROM entities AS e
    INNER JOIN articles_current AS a ON e.article_id = a.article_id
)

SELECT
    x.label AS label_a,
    x.entity AS entity_a,
    y.label AS label_b,
    y.entity AS entity_b,
    count(*) AS stories
FROM named AS x
INNER JOIN named AS y
    ON
        x.story_id = y.story_id
        AND (
            x.entity < y.entity
            OR (x.entity = y.entity AND x.label < y.label)
        )
GROUP BY x.label, x.entity, y.label, y.entity;
