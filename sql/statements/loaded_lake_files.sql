SELECT path FROM lake_files
ORDER BY path;
