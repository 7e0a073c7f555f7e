INSERT OR REPLACE INTO lake_files (path, table_name, batch_key, row_count, run_id)
VALUES ($path, $table_name, $batch_key, $row_count, $run_id);
