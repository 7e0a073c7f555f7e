-- Rows of article versions the batch brings again, or that came from an earlier version of
-- a file the batch loads, are replaced rather than duplicated.
DELETE FROM {table}
WHERE article_id IN (SELECT article_id FROM batch_replaced);
