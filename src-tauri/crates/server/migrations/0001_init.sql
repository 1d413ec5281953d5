-- Scout team server schema. Forward-only; applied by `scout-server migrate` (and `serve`).

-- A team workspace. `head` is the sequence number of its newest op: pushes lock this row,
-- so sequence numbers are gapless and committed in order (a pull after N never misses one).
CREATE TABLE workspaces (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    head       BIGINT      NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One-use, expiring invite codes; only the SHA-256 of a code is stored.
CREATE TABLE invites (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT      NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    code_hash    TEXT        NOT NULL UNIQUE,
    role         TEXT        NOT NULL CHECK (role IN ('admin', 'scout', 'viewer')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    used_by      BIGINT
);

-- A joined device. `public_id` names it in ops; only the SHA-256 of its token is stored.
CREATE TABLE devices (
    id           BIGSERIAL PRIMARY KEY,
    public_id    TEXT        NOT NULL UNIQUE,
    workspace_id BIGINT      NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    role         TEXT        NOT NULL CHECK (role IN ('admin', 'scout', 'viewer')),
    token_hash   TEXT        NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX devices_by_workspace ON devices (workspace_id);

-- The change log: every accepted edit, numbered per workspace.
CREATE TABLE ops (
    workspace_id BIGINT      NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq          BIGINT      NOT NULL,
    entity       TEXT        NOT NULL,
    field        TEXT        NOT NULL,
    value        JSONB       NOT NULL,
    hlc_ms       BIGINT      NOT NULL,
    hlc_counter  INTEGER     NOT NULL,
    device_id    BIGINT      NOT NULL REFERENCES devices (id),
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, seq),
    -- A device's clock ticks per edit: a retried push is recognised, never stored twice.
    UNIQUE (device_id, hlc_ms, hlc_counter)
);
CREATE INDEX ops_by_entity ON ops (workspace_id, entity, field);

-- Accounts with at least one shared snapshot (an entry may only name such an account).
CREATE TABLE shared_accounts (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    platform     TEXT   NOT NULL,
    platform_id  TEXT   NOT NULL,
    PRIMARY KEY (workspace_id, platform, platform_id)
);
