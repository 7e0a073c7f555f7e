-- The same story across agencies and versions: one row per story cluster, named by the
-- article id of its first story, with that story's headline, the agencies and languages
-- in it, how many article versions and distinct stories, and when first and last seen.
CREATE OR REPLACE VIEW clusters AS
SELECT
    c.cluster_id AS cluster,
    any_value(a.headline) FILTER (WHERE a.article_id = c.cluster_id) AS first_story,
    list(DISTINCT a.agency ORDER BY a.agency) FILTER (WHERE a.agency IS NOT NULL) AS agencies,
    list(DISTINCT a.lang ORDER BY a.lang) AS languages,
    count(*) AS versions,
    count(DISTINCT a.story_id) AS stories,
    min(c.first_seen) AS first_seen,
    max(c.first_seen) AS last_seen
FROM story_clusters AS c
INNER JOIN articles AS a ON c.article_id = a.article_id
GROUP BY c.cluster_id;
