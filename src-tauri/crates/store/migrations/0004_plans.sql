-- Campaign-mix plans (issue 12): fees creators quoted, saved plans with their creators,
-- and the posts a user links to a running campaign.

-- A fee a creator quoted per post; replaces the rate card's estimate.
CREATE TABLE quoted_fees (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    fee        REAL    NOT NULL CHECK (fee > 0),
    format     TEXT,
    note       TEXT,
    updated_at TEXT    NOT NULL
);

-- A saved plan for a shortlist. `request_json` holds the objective, budget and constraints
-- as asked; `result_json` the plan as solved (totals, ranges, binding constraints, the
-- comparison plans, assumptions and the table versions used), so a saved plan reads back
-- exactly as it was decided even after the tables change.
CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    shortlist_id  INTEGER NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL COLLATE NOCASE,
    objective     TEXT    NOT NULL,
    budget        REAL    NOT NULL,
    request_json  TEXT    NOT NULL,
    result_json   TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'done')),
    starts_at     TEXT,
    ends_at       TEXT,
    campaign_json TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (shortlist_id, name)
);
CREATE INDEX plans_shortlist ON plans (shortlist_id);

-- The creators a plan buys, with what was planned for them.
CREATE TABLE plan_items (
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    posts       INTEGER NOT NULL CHECK (posts > 0),
    cost        REAL    NOT NULL,
    fee_source  TEXT    NOT NULL CHECK (fee_source IN ('quoted', 'estimated')),
    value       REAL    NOT NULL,
    engagements REAL,
    reach       REAL,
    PRIMARY KEY (plan_id, account_id)
);
CREATE INDEX plan_items_account ON plan_items (account_id);

-- Posts the user links to a running plan as deliverables (post id or URL).
CREATE TABLE plan_links (
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    post_ref   TEXT    NOT NULL,
    added_at   TEXT    NOT NULL,
    PRIMARY KEY (plan_id, account_id, post_ref)
);
