INSERT OR REPLACE INTO check_results (run_id, check_name, passed, failing_rows, description)
VALUES ($run_id, $check_name, $passed, $failing_rows, $description);
