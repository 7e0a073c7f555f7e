-- Entity labels are one of PER, LOC, ORG, MISC.
SELECT
    article_id,
    entity_index,
    label
FROM entities
WHERE label NOT IN ('PER', 'LOC', 'ORG', 'MISC');
