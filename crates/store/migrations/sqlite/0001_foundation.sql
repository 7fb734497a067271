-- Foundation schema (SQLite). Keep in step with ../postgres/0001_foundation.sql:
-- same tables, same columns, same constraints; only the column types differ.
CREATE TABLE organisations (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    anonymity_threshold INTEGER NOT NULL CHECK (anonymity_threshold BETWEEN 3 AND 10),
    created_at TEXT NOT NULL
);

CREATE TABLE units (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    parent_id BLOB REFERENCES units(id),
    name TEXT NOT NULL,
    kind TEXT
);
CREATE INDEX units_org ON units(org_id);

CREATE TABLE people (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT,
    unit_id BLOB REFERENCES units(id) ON DELETE SET NULL,
    title TEXT,
    -- Name and e-mail lower-cased by the application (Unicode-aware, unlike SQLite's LOWER).
    search_text TEXT NOT NULL,
    UNIQUE (org_id, email)
);
CREATE INDEX people_org_name ON people(org_id, name);

CREATE TABLE leadership_groups (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    unit_id BLOB REFERENCES units(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE group_members (
    group_id BLOB NOT NULL REFERENCES leadership_groups(id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_members_person ON group_members(person_id);

CREATE TABLE teams (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    unit_id BLOB REFERENCES units(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE team_memberships (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BLOB NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('lead', 'member')),
    valid_from TEXT NOT NULL,
    valid_to TEXT
);
CREATE INDEX team_memberships_team ON team_memberships(team_id);

CREATE TABLE supervisions (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    supervisor_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    subordinate_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    is_primary BOOLEAN NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT
);
CREATE INDEX supervisions_org ON supervisions(org_id);

CREATE TABLE mentorships (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    mentor_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    protege_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    valid_to TEXT
);
CREATE INDEX mentorships_org ON mentorships(org_id);

CREATE TABLE users (
    id BLOB PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'member')),
    PRIMARY KEY (user_id, org_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
