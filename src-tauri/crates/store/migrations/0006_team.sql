-- Team sync (see ARCHITECTURE.md, "Team sync"): the link to a team server, the outbox of
-- local ops, the log of ops the server numbered, and which snapshots are shared.

-- Every shortlist gets a random key that names it to the team.
ALTER TABLE shortlists ADD COLUMN team_key TEXT;
UPDATE shortlists SET team_key = lower(hex(randomblob(16))) WHERE team_key IS NULL;
CREATE UNIQUE INDEX shortlists_by_team_key ON shortlists (team_key);

-- At most one row: the server, workspace, device and role; the cursor (last applied
-- sequence number) and the hybrid logical clock. The device token is in the OS keychain.
CREATE TABLE team_link (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    server_url   TEXT    NOT NULL,
    workspace    TEXT    NOT NULL,
    device       TEXT    NOT NULL,
    device_name  TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    cursor       INTEGER NOT NULL DEFAULT 0,
    hlc_ms       INTEGER NOT NULL DEFAULT 0,
    hlc_counter  INTEGER NOT NULL DEFAULT 0,
    joined_at    TEXT    NOT NULL,
    last_sync_at TEXT,
    last_error   TEXT
);

-- Local edits not yet accepted by the server, in the order they were made.
CREATE TABLE team_outbox (
    id          INTEGER PRIMARY KEY,
    entity      TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    value_json  TEXT    NOT NULL,
    hlc_ms      INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX team_outbox_by_entity ON team_outbox (entity, field);

-- Every op the server numbered (pulled, or pushed and accepted), by sequence number.
CREATE TABLE team_log (
    seq         INTEGER PRIMARY KEY,
    entity      TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    value_json  TEXT    NOT NULL,
    hlc_ms      INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL,
    device      TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    at          TEXT    NOT NULL
);
CREATE INDEX team_log_by_entity ON team_log (entity, field);

-- Snapshots shared with or from the team, by the SHA-256 of their shared bytes.
CREATE TABLE team_snapshots (
    hash        TEXT    PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE
);
CREATE INDEX team_snapshots_by_snapshot ON team_snapshots (snapshot_id);
