SELECT
    check_name,
    passed,
    failing_rows,
    description
FROM check_results
WHERE run_id = $run_id
ORDER BY check_name;
