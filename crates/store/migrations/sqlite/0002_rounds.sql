-- Maturity models and measurement rounds (SQLite). Keep in step with ../postgres/0002_rounds.sql.
CREATE TABLE maturity_models (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    model_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    -- The model file as uploaded; parsed again when read, so the stored form is the source.
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, model_key, version)
);

CREATE TABLE rounds (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    model_id BLOB NOT NULL REFERENCES maturity_models(id),
    name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    opens_on TEXT,
    closes_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX rounds_org ON rounds(org_id);

CREATE TABLE round_groups (
    round_id BLOB NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    group_id BLOB NOT NULL REFERENCES leadership_groups(id),
    PRIMARY KEY (round_id, group_id)
);
