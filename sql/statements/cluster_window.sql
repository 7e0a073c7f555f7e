-- Clustered stories seen since $since, with their cluster: what new stories are compared with.
SELECT
    c.cluster_id,
    s.article_id,
    a.story_id,
    s.minhash,
    s.shingles,
    c.first_seen
FROM story_clusters AS c
INNER JOIN article_signatures AS s ON c.article_id = s.article_id
INNER JOIN articles AS a ON c.article_id = a.article_id
WHERE c.first_seen >= $since  -- noqa: RF02
ORDER BY c.first_seen, c.article_id;
