-- The benchmark: the night's words.
SELECT coalesce(sum(word_count), 0) AS words
FROM articles;
