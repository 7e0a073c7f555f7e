-- Stories with a signature and no cluster yet (tonight's, or any a crashed run left), with the
-- time they are compared by. Reads signatures only, never bodies.
SELECT
    s.article_id,
    a.story_id,
    s.minhash,
    s.shingles,
    a.story_date AS seen_at
FROM article_signatures AS s
INNER JOIN articles AS a ON s.article_id = a.article_id
WHERE
    NOT EXISTS (
        SELECT 1 FROM story_clusters AS c
        WHERE c.article_id = s.article_id
    )
ORDER BY seen_at, s.article_id;
