-- Scout schema v3: background jobs.
--
-- A job is one run a user (or the refresh schedule) asked for — vet these inputs,
-- refresh the shortlisted creators, write a report — made of items, each with its own
-- state. An item is marked done in the same transaction that stores its result, so a
-- restart never redoes a finished item nor loses one: items found `running` when the
-- app starts go back to `pending`.

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    -- vet | refresh | report (discovery adds its own kind; no CHECK list, as in v1)
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    -- What the runner needs beyond each item's input (a report's shortlist and path).
    params_json TEXT    NOT NULL DEFAULT '{}',
    created_at  TEXT    NOT NULL,
    -- 1 once the user cleared the finished job from the jobs panel.
    dismissed   INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
);
CREATE INDEX jobs_by_created ON jobs (created_at);

CREATE TABLE job_items (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    -- Order within the job (0-based), the order items are run in.
    position      INTEGER NOT NULL,
    -- The handle or URL to vet, the shortlist to report on, ….
    input         TEXT    NOT NULL,
    -- pending | running | done | failed | cancelled
    state         TEXT    NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT,
    finished_at   TEXT,
    account_id    INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    snapshot_id   INTEGER REFERENCES profile_snapshots (id) ON DELETE SET NULL,
    -- A result that is not a snapshot (the path of a written report).
    result        TEXT,
    error_code    TEXT,
    error_message TEXT,
    UNIQUE (job_id, position)
);
-- The runner's "next pending item" and the startup "running → pending" both use this.
CREATE INDEX job_items_by_state ON job_items (state, job_id, position);
CREATE INDEX job_items_by_snapshot ON job_items (snapshot_id);
CREATE INDEX job_items_by_account ON job_items (account_id);
