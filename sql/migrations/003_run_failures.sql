-- Runs that did not finish. `failure`: the one line a run stopped with (disk full, warehouse
-- unreadable, …), or why a later run marked it abandoned. `abandoned_at`: when a later run
-- found it still `running` (its process was killed or crashed) and marked it `abandoned`.
ALTER TABLE ingest_runs ADD COLUMN failure VARCHAR;
ALTER TABLE ingest_runs ADD COLUMN abandoned_at TIMESTAMPTZ;
