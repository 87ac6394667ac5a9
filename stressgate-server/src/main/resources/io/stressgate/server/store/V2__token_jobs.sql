-- A token may be limited to the jobs whose names match its patterns (comma-separated, * for any run of
-- characters); NULL means every job, as for every token created before this version.
ALTER TABLE tokens ADD COLUMN jobs TEXT;
