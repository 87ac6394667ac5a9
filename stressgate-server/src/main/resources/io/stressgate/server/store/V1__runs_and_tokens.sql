-- Runs: one row per (job, build, scenario), written in one transaction with everything a page or gate needs.
-- Times are epoch milliseconds; results is the results.json the agent sent, as accepted by the strict reader.
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    build BIGINT NOT NULL,
    scenario TEXT NOT NULL,
    branch TEXT,
    commit_sha TEXT,
    ci_url TEXT,
    idempotency_key TEXT,
    content_sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    verdict TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    client_sent_at BIGINT,
    received_at BIGINT NOT NULL,
    clock_skew_ms BIGINT,
    uploaded_by TEXT,
    metrics TEXT NOT NULL,
    results TEXT NOT NULL,
    CONSTRAINT runs_job_build_scenario UNIQUE (job, build, scenario)
);
CREATE UNIQUE INDEX runs_idempotency_key ON runs (idempotency_key);
CREATE INDEX runs_received_at ON runs (received_at);
-- Tokens: only a SHA-256 of the secret is kept; the id is the public part of a token.
CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    secret_sha256 TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);
