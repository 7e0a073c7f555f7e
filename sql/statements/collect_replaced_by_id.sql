INSERT OR IGNORE INTO batch_replaced SELECT DISTINCT article_id FROM read_parquet($path);
