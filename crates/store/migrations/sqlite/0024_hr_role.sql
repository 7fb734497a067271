-- The HR role (SQLite). Keep in step with ../postgres/0024_hr_role.sql.
-- 'hr' reads every competence record and review, nothing of the measurement's administration.
-- SQLite cannot change a CHECK in place, so the three tables with a role are copied; no table
-- refers to them.
CREATE TABLE memberships_new (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member')),
    active INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, org_id)
);
INSERT INTO memberships_new (user_id, org_id, role, active) SELECT user_id, org_id, role, active FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;

CREATE TABLE account_invitations_new (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT
);
INSERT INTO account_invitations_new SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at,
    accepted_at FROM account_invitations;
DROP TABLE account_invitations;
ALTER TABLE account_invitations_new RENAME TO account_invitations;
CREATE INDEX account_invitations_org ON account_invitations(org_id);

CREATE TABLE api_tokens_new (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
INSERT INTO api_tokens_new SELECT id, org_id, user_id, name, role, token_hash, created_at, expires_at, last_used_at,
    revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_org ON api_tokens(org_id);
