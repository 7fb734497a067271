-- Competence frameworks, per organisation (SQLite). Keep in step with ../postgres/0004_frameworks.sql.
CREATE TABLE competence_frameworks (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    framework_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    -- The framework file as uploaded; parsed again when read.
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, framework_key, version)
);
