-- What new stories are compared with: the clustered stories seen since $since, and the first
-- story of each of their clusters however long ago it was seen (for the similarity a new
-- member records). `in_window` tells the two apart; a first story in the window is both.
WITH window_clusters AS (
    SELECT DISTINCT w.cluster_id
    FROM story_clusters AS w
    WHERE w.first_seen >= $since  -- noqa: RF02
)

SELECT
    c.cluster_id,
    s.article_id,
    a.story_id,
    s.minhash,
    s.shingles,
    c.first_seen,
    c.first_seen >= $since AS in_window  -- noqa: RF02
FROM story_clusters AS c
INNER JOIN article_signatures AS s ON c.article_id = s.article_id
INNER JOIN articles AS a ON c.article_id = a.article_id
WHERE
    c.first_seen >= $since  -- noqa: RF02
    OR (
        c.article_id = c.cluster_id
        AND c.cluster_id IN (SELECT wc.cluster_id FROM window_clusters AS wc)
    )
ORDER BY c.first_seen, c.article_id;
