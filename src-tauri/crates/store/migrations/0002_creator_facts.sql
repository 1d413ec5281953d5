-- Scout schema v2: the Creators table queried in SQL.
--
-- `creator_facts` holds one row per account: its latest snapshot and the
-- figures the Creators table shows, sorts and filters by. The store keeps the
-- snapshot columns (snapshot id, followers, fetch time, names) current in the
-- same transaction that saves a snapshot and marks the row `stale`; the façade
-- fills the check-derived figures (tier, the declared engagement rate, the
-- authenticity score, the risk count) and clears `stale`. Tier bounds, the
-- benchmark table or a re-parse changing marks every row stale again.

CREATE TABLE creator_facts (
    account_id   INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    snapshot_id  INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    platform     TEXT    NOT NULL,
    -- lower(handle) and lower(coalesce(display_name, handle)): text search and name sort.
    handle_key   TEXT    NOT NULL,
    name_key     TEXT    NOT NULL,
    is_demo      INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    fetched_at   TEXT    NOT NULL,
    followers    INTEGER,
    -- Filled by the façade from the checks (NULL: not computed or not known).
    tier         TEXT,
    tier_rank    INTEGER,
    er_value     REAL,
    er_basis     TEXT,
    er_statistic TEXT,
    er_posts     INTEGER,
    authenticity REAL,
    risks        INTEGER,
    stale        INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
    computed_at  TEXT
);
CREATE INDEX creator_facts_stale ON creator_facts (stale) WHERE stale = 1;
CREATE INDEX creator_facts_by_snapshot ON creator_facts (snapshot_id);
-- One index per sortable column (the rowid, `account_id`, is the tiebreak).
CREATE INDEX creator_facts_by_followers ON creator_facts (followers);
CREATE INDEX creator_facts_by_platform ON creator_facts (platform);
CREATE INDEX creator_facts_by_platform_followers ON creator_facts (platform, followers);
CREATE INDEX creator_facts_by_tier ON creator_facts (tier_rank);
CREATE INDEX creator_facts_by_er ON creator_facts (er_value);
CREATE INDEX creator_facts_by_authenticity ON creator_facts (authenticity);
CREATE INDEX creator_facts_by_risks ON creator_facts (risks);
CREATE INDEX creator_facts_by_fetched ON creator_facts (fetched_at);
CREATE INDEX creator_facts_by_handle ON creator_facts (handle_key);
CREATE INDEX creator_facts_by_name ON creator_facts (name_key);
-- Peers: the same platform and tier, by rate.
CREATE INDEX creator_facts_peers ON creator_facts (platform, tier, er_value);

-- Brand Fit per snapshot, brief and brief version (a changed brief is a new version).
CREATE TABLE creator_fit (
    snapshot_id   INTEGER NOT NULL REFERENCES profile_snapshots (id) ON DELETE CASCADE,
    brand_id      INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    brief_version TEXT    NOT NULL,
    fit           REAL,
    PRIMARY KEY (brand_id, brief_version, snapshot_id)
) WITHOUT ROWID;
CREATE INDEX creator_fit_by_value ON creator_fit (brand_id, brief_version, fit);
CREATE INDEX creator_fit_by_snapshot ON creator_fit (snapshot_id);

-- Lookups the façade does by what a user typed, on any platform.
CREATE INDEX accounts_by_any_handle ON accounts (handle COLLATE NOCASE);
CREATE INDEX accounts_by_platform_id ON accounts (platform_id);

-- Every account that already has a snapshot gets its row, to be computed.
INSERT INTO creator_facts (account_id, snapshot_id, platform, handle_key, name_key, is_demo,
                           fetched_at, followers)
SELECT a.id, s.id, a.platform, lower(a.handle), lower(coalesce(a.display_name, a.handle)),
       a.is_demo, s.fetched_at, s.followers
FROM accounts a
JOIN profile_snapshots s ON s.id = (
    SELECT l.id FROM profile_snapshots l WHERE l.account_id = a.id
    ORDER BY l.fetched_at DESC, l.id DESC LIMIT 1);

-- The old JSON row cache is replaced by the table above.
DELETE FROM settings WHERE key = 'row_cache/v1';
