-- Signing in with the organisation's identity provider over OpenID Connect (SQLite). Keep in
-- step with ../postgres/0013_sso.sql.

-- An organisation's provider: where it is, who Mognad is to it, which addresses it vouches for,
-- which claim values give which role, and whether local passwords still work there.
CREATE TABLE sso_configs (
    org_id BLOB PRIMARY KEY NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT,
    -- Comma-separated e-mail domains the provider's accounts may have.
    email_domains TEXT NOT NULL,
    -- The claim holding groups or roles (e.g. "groups", "roles"); empty for none.
    role_claim TEXT NOT NULL,
    -- Lines "claim value = role".
    role_map TEXT NOT NULL,
    default_role TEXT NOT NULL CHECK (default_role IN ('admin', 'analyst', 'member')),
    passwords_off INTEGER NOT NULL,
    enabled INTEGER NOT NULL
);

-- A sign-in sent to the provider and not yet back: the state (hashed), the nonce and PKCE
-- verifier that the answer must match, and where to go after. Used once.
CREATE TABLE sso_states (
    state_hash TEXT PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    next TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- The organisation whose provider vouched for a session; NULL for a password sign-in.
ALTER TABLE sessions ADD COLUMN sso_org BLOB;

-- Which provider account an account was signed in as: once linked, the provider's word for
-- that account counts even after it joins other organisations (its sessions still reach only
-- the provider's organisation).
CREATE TABLE sso_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    PRIMARY KEY (issuer, subject)
);
