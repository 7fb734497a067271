-- Two-factor sign-in with an authenticator app (PostgreSQL). Keep in step with
-- ../sqlite/0012_two_factor.sql.

-- An account's authenticator secret (base32), in use once confirmed with a code. The last step
-- a code was taken from, so a code cannot be used twice.
CREATE TABLE totp_secrets (
    user_id UUID PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step BIGINT NOT NULL
);

-- One-time recovery codes for when the app is lost; only their hashes are kept.
CREATE TABLE recovery_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    used_at TIMESTAMPTZ
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

-- A sign-in halfway: the password was right, the code is still to come.
CREATE TABLE sign_in_challenges (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Whether an organisation requires two-factor sign-in of its owners and admins.
CREATE TABLE sign_in_policy (
    org_id UUID PRIMARY KEY NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    two_factor_for_admins BOOLEAN NOT NULL
);

-- Whether a session passed a second factor (a code, or confirming the app in that session).
ALTER TABLE sessions ADD COLUMN two_factor BOOLEAN NOT NULL DEFAULT FALSE;
