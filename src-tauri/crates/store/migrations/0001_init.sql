-- Scout schema v1.
--
-- Conventions: every timestamp is UTC text `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`
-- (fixed width, so text order is time order); counts are INTEGER and NULL
-- means "the source did not say", never zero; booleans are 0/1; enums are
-- their lowercase serde keys (no CHECK lists, so a new platform or status
-- needs no table rebuild); JSON columns end in `_json`.

-- One row per creator account on one platform.
CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    platform     TEXT    NOT NULL,
    platform_id  TEXT    NOT NULL,
    handle       TEXT    NOT NULL,
    display_name TEXT,
    url          TEXT    NOT NULL,
    avatar_url   TEXT,
    first_seen   TEXT    NOT NULL,
    last_seen    TEXT    NOT NULL,
    -- 1 while every snapshot of the account is demo data.
    is_demo      INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    UNIQUE (platform, platform_id)
);
CREATE INDEX accounts_by_handle ON accounts (platform, handle COLLATE NOCASE);

-- Dated, append-only profile snapshots (one per vet).
CREATE TABLE profile_snapshots (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    fetched_at          TEXT    NOT NULL,
    followers           INTEGER,
    following           INTEGER,
    posts_count         INTEGER,
    total_likes         INTEGER,
    total_views         INTEGER,
    bio                 TEXT,
    profile_json        TEXT    NOT NULL,
    missing_json        TEXT    NOT NULL DEFAULT '[]',
    warnings_json       TEXT    NOT NULL DEFAULT '[]',
    -- Distinguish "no sample given" (0) from "an empty sample" (1, no rows).
    has_follower_sample INTEGER NOT NULL DEFAULT 0 CHECK (has_follower_sample IN (0, 1)),
    has_engager_sample  INTEGER NOT NULL DEFAULT 0 CHECK (has_engager_sample IN (0, 1)),
    is_demo             INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    stored_at           TEXT    NOT NULL
);
CREATE INDEX profile_snapshots_by_account ON profile_snapshots (account_id, fetched_at);
CREATE INDEX profile_snapshots_demo ON profile_snapshots (is_demo) WHERE is_demo = 1;

-- Posts seen in one snapshot. `section` is 'post' (the creator's own posts)
-- or 'other' (reposts of others, replies to others); `position` keeps order.
CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    snapshot_id     INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    section         TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    post_id         TEXT    NOT NULL,
    url             TEXT,
    kind            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    title           TEXT,
    languages_json  TEXT    NOT NULL DEFAULT '[]',
    sponsored_label INTEGER CHECK (sponsored_label IN (0, 1)),
    duration_secs   INTEGER,
    reposted_from   TEXT,
    UNIQUE (snapshot_id, section, position)
);
CREATE INDEX posts_by_post_id ON posts (post_id);

-- A post's counts as measured by one snapshot; across snapshots they show its growth.
CREATE TABLE post_metrics (
    post_row_id  INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    snapshot_id  INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    measured_at  TEXT    NOT NULL,
    likes        INTEGER,
    likes_hidden INTEGER NOT NULL DEFAULT 0 CHECK (likes_hidden IN (0, 1)),
    replies      INTEGER,
    reposts      INTEGER,
    quotes       INTEGER,
    views        INTEGER
);
CREATE INDEX post_metrics_by_snapshot ON post_metrics (snapshot_id);

-- Replies / comments on the creator's posts, per snapshot.
CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    snapshot_id   INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    comment_id    TEXT    NOT NULL,
    post_id       TEXT    NOT NULL,
    author_id     TEXT    NOT NULL,
    author_handle TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    created_at    TEXT,
    likes         INTEGER,
    author_json   TEXT,
    UNIQUE (snapshot_id, position)
);

-- Follower and engager samples, per snapshot. `kind` is 'follower' or 'engager'.
CREATE TABLE follower_samples (
    id           INTEGER PRIMARY KEY,
    snapshot_id  INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    sampled_id   TEXT    NOT NULL,
    handle       TEXT    NOT NULL,
    display_name TEXT,
    bio          TEXT,
    has_avatar   INTEGER CHECK (has_avatar IN (0, 1)),
    followers    INTEGER,
    following    INTEGER,
    posts_count  INTEGER,
    created_at   TEXT,
    is_private   INTEGER CHECK (is_private IN (0, 1)),
    UNIQUE (snapshot_id, kind, position)
);

-- Check results per snapshot; a re-run of the same method replaces its set.
CREATE TABLE findings (
    id             INTEGER PRIMARY KEY,
    snapshot_id    INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    check_id       TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    value          REAL,
    -- Distinguish "no expected range" (0) from an open range (1, both bounds NULL).
    has_expected   INTEGER NOT NULL DEFAULT 0 CHECK (has_expected IN (0, 1)),
    expected_low   REAL,
    expected_high  REAL,
    verdict        TEXT    NOT NULL,
    confidence     REAL    NOT NULL,
    evidence_json  TEXT    NOT NULL DEFAULT '[]',
    explanation    TEXT    NOT NULL,
    method_version TEXT    NOT NULL,
    computed_at    TEXT    NOT NULL
);
CREATE INDEX findings_by_snapshot ON findings (snapshot_id, check_id, computed_at);

-- Brand briefs, stored as JSON the brand module defines.
CREATE TABLE brands (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    brief_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE shortlists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    client     TEXT,
    notes      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- `status` is candidate | vetting | approved | rejected.
CREATE TABLE shortlist_entries (
    id           INTEGER PRIMARY KEY,
    shortlist_id INTEGER NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL DEFAULT 'candidate',
    note         TEXT,
    tags_json    TEXT    NOT NULL DEFAULT '[]',
    added_at     TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    UNIQUE (shortlist_id, account_id)
);
CREATE INDEX shortlist_entries_by_account ON shortlist_entries (account_id);

-- One row per vet run. `status` is running | ok | error.
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    input         TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    status        TEXT    NOT NULL DEFAULT 'running',
    snapshot_id   INTEGER REFERENCES profile_snapshots (id) ON DELETE SET NULL,
    error_code    TEXT,
    error_message TEXT
);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE INDEX runs_by_snapshot ON runs (snapshot_id);

-- Every HTTP response a vet used, zstd-compressed, for audit and re-parsing.
CREATE TABLE raw_responses (
    id           INTEGER PRIMARY KEY,
    snapshot_id  INTEGER REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    run_id       INTEGER REFERENCES runs (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    role         TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT,
    fetched_at   TEXT    NOT NULL,
    body_zstd    BLOB    NOT NULL,
    body_len     INTEGER NOT NULL,
    sha256       TEXT,
    CHECK (snapshot_id IS NOT NULL OR run_id IS NOT NULL)
);
CREATE INDEX raw_responses_by_snapshot ON raw_responses (snapshot_id, position);
CREATE INDEX raw_responses_by_run ON raw_responses (run_id, position);

-- Small user settings (tier bounds, benchmark overrides, selected brief), JSON values.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
