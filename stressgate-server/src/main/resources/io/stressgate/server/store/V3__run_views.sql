-- What a page or the API shows of a run costs the same whatever the run holds: at ingest, a view (the results with
-- the totals and the busiest endpoints only) and the endpoint list cut into pages are stored beside the results.
-- Runs stored before this version have no view; they are read in full, as before.
ALTER TABLE runs ADD COLUMN view_json TEXT;
CREATE TABLE run_endpoint_pages (
    run_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    total INTEGER NOT NULL,
    endpoints TEXT NOT NULL,
    PRIMARY KEY (run_id, page)
);
