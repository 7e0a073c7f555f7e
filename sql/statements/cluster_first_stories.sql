-- The first story of every cluster with a story seen since $since (for the similarity a new
-- member records), however long ago that first story was.
SELECT
    s.article_id,
    a.story_id,
    s.minhash,
    s.shingles,
    c.first_seen
FROM story_clusters AS c
INNER JOIN article_signatures AS s ON c.article_id = s.article_id
INNER JOIN articles AS a ON c.article_id = a.article_id
WHERE
    c.article_id = c.cluster_id
    AND c.cluster_id IN (
        SELECT w.cluster_id FROM story_clusters AS w
        WHERE w.first_seen >= $since  -- noqa: RF02
    );
