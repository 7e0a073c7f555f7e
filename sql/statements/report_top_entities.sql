SELECT
    e.label,
    coalesce(e.norm, e.text) AS name,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
WHERE e.run_id = $run_id AND NOT e.is_dateline
GROUP BY e.label, coalesce(e.norm, e.text)
ORDER BY mentions DESC, articles DESC, name ASC
LIMIT $limit;
