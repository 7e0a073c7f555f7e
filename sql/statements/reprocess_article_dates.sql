-- How many stories each ingest date in the range holds (the reprocess plan).
SELECT
    ingest_date,
    count(*) AS articles
FROM articles
WHERE ingest_date BETWEEN $since AND $until
GROUP BY ingest_date
ORDER BY ingest_date;
