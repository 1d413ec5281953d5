-- Discovery: runs (a query over sources, with each source's outcome), the
-- creators they found (one row per platform account, updated by later runs),
-- which run found which creator at which rank, saved searches, dismissals per
-- brief, and cross-platform identity links with their evidence and decision.

CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    query       TEXT NOT NULL,
    platforms   TEXT NOT NULL,            -- JSON array of platform keys
    filters     TEXT NOT NULL DEFAULT '{}', -- JSON
    brief       TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE discovery_runs (
    id              INTEGER PRIMARY KEY,
    query           TEXT NOT NULL,
    kind            TEXT NOT NULL,        -- 'search' or 'like'
    platforms       TEXT NOT NULL,        -- JSON array
    brief           TEXT,
    saved_search_id INTEGER REFERENCES saved_searches(id) ON DELETE SET NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    outcomes        TEXT NOT NULL DEFAULT '[]' -- JSON: per source outcome
);
CREATE INDEX discovery_runs_saved ON discovery_runs(saved_search_id, started_at);

CREATE TABLE discovered (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    platform_id   TEXT NOT NULL,
    handle        TEXT NOT NULL,
    display_name  TEXT,
    followers     INTEGER,
    language      TEXT,
    country       TEXT,
    last_active   TEXT,
    score         REAL NOT NULL,
    data          TEXT NOT NULL,          -- JSON: the candidate with its reasons
    first_run_id  INTEGER REFERENCES discovery_runs(id) ON DELETE SET NULL,
    last_run_id   INTEGER REFERENCES discovery_runs(id) ON DELETE SET NULL,
    UNIQUE (platform, platform_id)
);
CREATE INDEX discovered_score ON discovered(score DESC, id);
CREATE INDEX discovered_platform_followers ON discovered(platform, followers);
CREATE INDEX discovered_language ON discovered(language);

CREATE TABLE discovery_results (
    run_id        INTEGER NOT NULL REFERENCES discovery_runs(id) ON DELETE CASCADE,
    discovered_id INTEGER NOT NULL REFERENCES discovered(id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL,
    score         REAL NOT NULL,
    is_new        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, discovered_id)
);
CREATE INDEX discovery_results_rank ON discovery_results(run_id, rank);

CREATE TABLE dismissals (
    discovered_id INTEGER NOT NULL REFERENCES discovered(id) ON DELETE CASCADE,
    brief         TEXT NOT NULL DEFAULT '',
    dismissed_at  TEXT NOT NULL,
    PRIMARY KEY (discovered_id, brief)
);

CREATE TABLE linked_accounts (
    id          INTEGER PRIMARY KEY,
    a_platform  TEXT NOT NULL,
    a_id        TEXT NOT NULL,
    b_platform  TEXT NOT NULL,
    b_id        TEXT NOT NULL,
    b_handle    TEXT NOT NULL,
    confidence  TEXT NOT NULL,            -- confirmed | likely | possible
    evidence    TEXT NOT NULL,            -- JSON array of strings
    decision    TEXT NOT NULL DEFAULT 'suggested', -- suggested | accepted | rejected
    updated_at  TEXT NOT NULL,
    UNIQUE (a_platform, a_id, b_platform, b_id)
);
CREATE INDEX linked_accounts_b ON linked_accounts(b_platform, b_id);
