-- Accounts run from the browser (PostgreSQL): instance administrators, memberships that can be
-- paused, invitations, password resets by mail, API tokens and the audit log. Keep in step
-- with ../sqlite/0011_accounts.sql.

-- Who administers the instance itself (creates organisations). Not part of any organisation,
-- so an organisation moved to another instance never carries it along.
CREATE TABLE instance_admins (
    user_id UUID PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);

-- A one-time link printed by `mognad serve` while the instance has no administrator.
CREATE TABLE setup_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE users ADD COLUMN last_sign_in_at TIMESTAMPTZ;
-- A deactivated member keeps the role on record but cannot act in the organisation.
ALTER TABLE memberships ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- A one-time link to join an organisation; only the token's hash is kept.
CREATE TABLE account_invitations (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ
);
CREATE INDEX account_invitations_org ON account_invitations(org_id);

-- A one-time link to choose a new password; only the token's hash is kept.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- A key for the API, acting for its creator in one organisation with at most the given role.
CREATE TABLE api_tokens (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);

-- Security-relevant actions, appended and never changed. The actor is kept by id and by the
-- e-mail it had then, without a reference, so the record outlives the account.
CREATE TABLE audit_log (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID REFERENCES organisations(id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID,
    actor TEXT NOT NULL,
    -- The API token's name, when the action came through one.
    token TEXT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    client TEXT NOT NULL
);
CREATE INDEX audit_log_org_at ON audit_log(org_id, at);
